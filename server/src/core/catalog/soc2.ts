// The SOC 2 Trust Services Criteria (2017, points of focus revised 2022) as data. The titles,
// explanations and keywords are our own words; criterion IDs and COSO numbers are the only facts
// taken from the framework. catalog.ts builds the lookups over these arrays.

// ---------------------------------------------------------------------------------------------
// Types

export type Category = 'security' | 'availability' | 'confidentiality' | 'processing_integrity' | 'privacy';

export interface CategoryInfo {
  readonly id: Category;
  /** As shown to users: 'Security', 'Processing Integrity'. */
  readonly title: string;
  /** Series ids in catalog order. */
  readonly series: readonly string[];
}

export interface Series {
  /** 'CC6', 'A1', 'PI1', 'P6'. */
  readonly id: string;
  /** 'Logical and Physical Access'. */
  readonly title: string;
  readonly category: Category;
}

export interface Criterion {
  /** 'CC6.4'. */
  readonly id: string;
  /** 'CC6'. */
  readonly series: string;
  readonly category: Category;
  /** Short title, e.g. 'Physical access'. */
  readonly title: string;
  /** What the criterion asks of the organisation, then what an auditor asks to see for it. */
  readonly explanation: string;
  /** Lower-case single words typical of documents that address it (base forms; plurals and past tenses match too). */
  readonly keywords: readonly string[];
  /** COSO 2013 principle, for CC1 to CC5. */
  readonly coso?: number;
  /** Approximate number of points of focus; a hint for hovers only. */
  readonly pointsOfFocus?: number;
}

// ---------------------------------------------------------------------------------------------
// Series and categories

const SERIES_DATA: readonly Series[] = [
  { id: 'CC1', title: 'Control Environment', category: 'security' },
  { id: 'CC2', title: 'Communication and Information', category: 'security' },
  { id: 'CC3', title: 'Risk Assessment', category: 'security' },
  { id: 'CC4', title: 'Monitoring Activities', category: 'security' },
  { id: 'CC5', title: 'Control Activities', category: 'security' },
  { id: 'CC6', title: 'Logical and Physical Access', category: 'security' },
  { id: 'CC7', title: 'System Operations', category: 'security' },
  { id: 'CC8', title: 'Change Management', category: 'security' },
  { id: 'CC9', title: 'Risk Mitigation', category: 'security' },
  { id: 'A1', title: 'Availability', category: 'availability' },
  { id: 'C1', title: 'Confidentiality', category: 'confidentiality' },
  { id: 'PI1', title: 'Processing Integrity', category: 'processing_integrity' },
  { id: 'P1', title: 'Notice', category: 'privacy' },
  { id: 'P2', title: 'Choice and Consent', category: 'privacy' },
  { id: 'P3', title: 'Collection', category: 'privacy' },
  { id: 'P4', title: 'Use, Retention and Disposal', category: 'privacy' },
  { id: 'P5', title: 'Access', category: 'privacy' },
  { id: 'P6', title: 'Disclosure and Notification', category: 'privacy' },
  { id: 'P7', title: 'Quality', category: 'privacy' },
  { id: 'P8', title: 'Monitoring and Enforcement', category: 'privacy' },
];

const CATEGORY_TITLES: readonly (readonly [Category, string])[] = [
  ['security', 'Security'],
  ['availability', 'Availability'],
  ['confidentiality', 'Confidentiality'],
  ['processing_integrity', 'Processing Integrity'],
  ['privacy', 'Privacy'],
];

export const SERIES: readonly Series[] = Object.freeze(SERIES_DATA.map((s) => Object.freeze({ ...s })));

export const CATEGORIES: readonly CategoryInfo[] = Object.freeze(
  CATEGORY_TITLES.map(([id, title]) =>
    Object.freeze({
      id,
      title,
      series: Object.freeze(SERIES.filter((s) => s.category === id).map((s) => s.id)),
    }),
  ),
);

// ---------------------------------------------------------------------------------------------
// Criteria

interface Extra {
  readonly coso?: number;
  readonly pof?: number;
}

function criterion(id: string, title: string, explanation: string, keywords: readonly string[], extra: Extra = {}): Criterion {
  const series = id.slice(0, id.indexOf('.'));
  const category = SERIES_DATA.find((s) => s.id === series)?.category;
  if (!category) throw new Error(`criterion ${id} names an unknown series`);
  const entry: Criterion = {
    id,
    series,
    category,
    title,
    explanation,
    keywords: Object.freeze([...keywords]),
    ...(extra.coso !== undefined ? { coso: extra.coso } : {}),
    ...(extra.pof !== undefined ? { pointsOfFocus: extra.pof } : {}),
  };
  return Object.freeze(entry);
}

export const CRITERIA: readonly Criterion[] = Object.freeze([
  // CC1 Control Environment
  criterion(
    'CC1.1',
    'Integrity and ethical values',
    'Leadership shows, by example and in writing, that integrity matters: there is a code of conduct, everyone acknowledges it, and breaking it has consequences. ' +
      'Auditors ask for the code of conduct, signed acknowledgements from new hires and current staff, and how violations are reported and handled, for example through a whistleblower channel.',
    ['conduct', 'ethics', 'ethical', 'integrity', 'values', 'acknowledgement', 'acknowledge', 'whistleblower', 'hotline', 'violation', 'tone', 'harassment'],
    { coso: 1, pof: 5 },
  ),
  criterion(
    'CC1.2',
    'Board independence and oversight',
    'A board of directors, or an equivalent body such as an advisory board, is independent enough of day-to-day management to challenge it, and it oversees how security and internal control work. ' +
      'Auditors look for board or committee charters, meeting minutes showing that security and risk were discussed, and the relevant expertise of the members.',
    ['board', 'director', 'oversight', 'oversee', 'independent', 'independence', 'committee', 'minutes', 'governance', 'charter', 'meeting'],
    { coso: 2, pof: 4 },
  ),
  criterion(
    'CC1.3',
    'Structure, reporting lines and authority',
    'Management decides who reports to whom and who is responsible for, and has authority over, each part of the security programme. ' +
      'Auditors ask for an organisation chart, job descriptions that include security duties, and the named owner of the programme, such as a CISO or security lead.',
    ['organizational', 'organisational', 'org', 'chart', 'reporting', 'structure', 'responsibility', 'authority', 'ciso', 'hierarchy', 'raci', 'delegation'],
    { coso: 3, pof: 6 },
  ),
  criterion(
    'CC1.4',
    'Competence: hiring, training and retention',
    'The organisation hires people with the skills their roles need, checks their backgrounds, keeps them trained and plans for replacing key people. ' +
      'Auditors sample new hires for completed background checks and security training, and may ask for job requirements, training records and a succession plan.',
    ['hiring', 'hire', 'background', 'screening', 'training', 'competence', 'skill', 'recruitment', 'candidate', 'qualification', 'succession', 'retention', 'career'],
    { coso: 4, pof: 7 },
  ),
  criterion(
    'CC1.5',
    'Accountability',
    'People are held to account for their part in internal control: responsibilities are written down, performance is reviewed against them, and ignoring them has consequences. ' +
      'Auditors ask for performance review records, the disciplinary or sanctions policy, and evidence that it is applied.',
    ['accountability', 'accountable', 'performance', 'appraisal', 'disciplinary', 'discipline', 'sanction', 'incentive', 'consequence', 'reward', 'kpi'],
    { coso: 5, pof: 6 },
  ),

  // CC2 Communication and Information
  criterion(
    'CC2.1',
    'Quality information',
    'The organisation knows which information its controls depend on, such as asset inventories, system logs and generated reports, and makes sure that information is complete and accurate. ' +
      'Auditors ask how key reports and inventories are produced and test samples of them, for example the system inventory or a data flow diagram.',
    ['inventory', 'asset', 'diagram', 'dataflow', 'cmdb', 'completeness', 'accurate', 'reliable', 'quality', 'metric', 'relevant', 'source'],
    { coso: 13, pof: 9 },
  ),
  criterion(
    'CC2.2',
    'Internal communication',
    'Staff are told what the security policies say, what their own responsibilities are and how to raise a concern or report a problem. ' +
      'Auditors ask for policy acknowledgements, security awareness training completion, internal announcements and the channel employees use to report incidents.',
    ['internal', 'communication', 'communicate', 'awareness', 'phishing', 'intranet', 'handbook', 'announcement', 'employee', 'staff', 'wiki', 'newsletter'],
    { coso: 14, pof: 13 },
  ),
  criterion(
    'CC2.3',
    'External communication',
    'Customers, vendors and regulators are told what they need to know about the service and its security: commitments, changes, outages and how to reach the company. ' +
      'Auditors look at the customer-facing system description, the terms of service, the status page and how outsiders can report a security issue.',
    ['external', 'outage', 'terms', 'commitment', 'statuspage', 'status', 'trust', 'portal', 'regulator', 'public', 'website', 'outside'],
    { coso: 15, pof: 12 },
  ),

  // CC3 Risk Assessment
  criterion(
    'CC3.1',
    'Clear objectives',
    'The organisation writes down its business, operational, reporting and compliance objectives clearly enough that risks to them can be identified. ' +
      'Auditors ask for the documented objectives, such as service commitments and system requirements, and how they feed into the risk assessment.',
    ['objective', 'goal', 'mission', 'strategy', 'strategic', 'requirement', 'okr', 'tolerance', 'program', 'programme', 'priority'],
    { coso: 6, pof: 16 },
  ),
  criterion(
    'CC3.2',
    'Risk identification and analysis',
    'The organisation runs a documented, repeatable risk assessment: it lists threats to its systems and objectives, rates their likelihood and impact, and decides how to treat each one. ' +
      'Auditors ask for the risk register, the method used, and evidence that the assessment was done and approved within the period, usually at least once a year.',
    ['risk', 'register', 'likelihood', 'impact', 'threat', 'assessment', 'treatment', 'appetite', 'inherent', 'residual', 'methodology', 'heatmap', 'scoring'],
    { coso: 7, pof: 8 },
  ),
  criterion(
    'CC3.3',
    'Fraud risk',
    'The risk assessment asks how someone could commit fraud against or through the organisation, such as misusing access, falsifying reports or stealing assets, and what pressures or opportunities would make it possible. ' +
      'Auditors look for fraud scenarios in the risk register or a separate fraud risk assessment.',
    ['fraud', 'fraudulent', 'misappropriation', 'theft', 'embezzlement', 'collusion', 'pressure', 'opportunity', 'rationalization', 'override', 'falsified', 'bribery'],
    { coso: 8, pof: 5 },
  ),
  criterion(
    'CC3.4',
    'Significant change',
    'Changes that could weaken controls, such as a new product line, an acquisition, a move to another cloud provider, a reorganisation or new leadership, are spotted and their risks assessed as they happen. ' +
      'Auditors ask how such changes are identified and look for risk assessments updated after them.',
    ['significant', 'acquisition', 'merger', 'reorganization', 'reorganisation', 'expansion', 'leadership', 'regulatory', 'emerging', 'turnover', 'landscape'],
    { coso: 9, pof: 6 },
  ),

  // CC4 Monitoring Activities
  criterion(
    'CC4.1',
    'Ongoing and separate evaluations',
    'Someone checks that controls are really in place and working, either continuously through automated compliance monitoring or periodically through internal audits, self-assessments and penetration tests. ' +
      'Auditors ask for internal audit reports, control testing results and the schedule showing the evaluations took place.',
    ['audit', 'evaluation', 'effectiveness', 'penetration', 'pentest', 'compliance', 'selfassessment', 'inspection', 'walkthrough', 'testing', 'assurance'],
    { coso: 16, pof: 8 },
  ),
  criterion(
    'CC4.2',
    'Deficiency reporting',
    'When a control is found not to work, the gap is written up, reported to whoever can fix it, and to senior management or the board when it is serious, then tracked until it is closed. ' +
      'Auditors ask for the list of findings or deficiencies with owners and due dates, and proof of remediation.',
    ['deficiency', 'finding', 'remediation', 'corrective', 'gap', 'exception', 'overdue', 'tracker', 'escalation', 'escalate', 'poam', 'closure'],
    { coso: 17, pof: 3 },
  ),

  // CC5 Control Activities
  criterion(
    'CC5.1',
    'Selecting control activities',
    'Controls are chosen deliberately to bring the risks found in the risk assessment down to an acceptable level, mixing preventive and detective, manual and automated controls. ' +
      'Auditors ask for a control matrix or risk-to-control mapping that shows each significant risk is addressed.',
    ['matrix', 'mapping', 'preventive', 'detective', 'automated', 'manual', 'selection', 'design', 'framework', 'rcm', 'compensating', 'mitigate'],
    { coso: 10, pof: 6 },
  ),
  criterion(
    'CC5.2',
    'Technology general controls',
    'General controls over technology are in place for the infrastructure, for security management, and for buying, building and maintaining systems, so that automated processing can be relied on. ' +
      'Auditors ask which systems are in scope and which access, change and operations controls cover each of them.',
    ['technology', 'itgc', 'infrastructure', 'sdlc', 'development', 'maintenance', 'platform', 'tooling', 'stack', 'automation', 'cloud'],
    { coso: 11, pof: 4 },
  ),
  criterion(
    'CC5.3',
    'Policies and procedures',
    'Expectations are written down as policies and carried out through procedures, each with an owner, and both are reviewed regularly so they keep matching practice. ' +
      'Auditors ask for the set of policies, evidence of approval and annual review, and a sample showing procedures are followed.',
    ['policy', 'procedure', 'owner', 'annual', 'documented', 'publish', 'version', 'standard', 'approved', 'guideline', 'exception'],
    { coso: 12, pof: 6 },
  ),

  // CC6 Logical and Physical Access
  criterion(
    'CC6.1',
    'Logical access security',
    'Systems that hold sensitive data sit behind logical access controls: a central identity provider, strong authentication such as MFA, network segmentation, and encryption at rest with managed keys. ' +
      'Auditors ask for the list of in-scope systems with how each one authenticates users, MFA enrolment reports, encryption settings and key management records.',
    ['authentication', 'mfa', 'sso', 'password', 'identity', 'idp', 'encryption', 'encrypt', 'kms', 'key', 'rotation', 'segmentation', 'ldap'],
    { pof: 13 },
  ),
  criterion(
    'CC6.2',
    'User registration and deprovisioning',
    'Nobody gets an account until someone authorised approves it, and accounts are removed promptly when people leave or change roles. ' +
      'Auditors sample joiners and leavers from the period and ask for the approval ticket and the deprovisioning record, with dates.',
    ['onboarding', 'offboarding', 'deprovision', 'deprovisioning', 'provision', 'provisioning', 'joiner', 'leaver', 'termination', 'account', 'revoke', 'revocation', 'departure', 'request', 'access'],
    { pof: 3 },
  ),
  criterion(
    'CC6.3',
    'Role-based access and least privilege',
    'Access is granted by role and limited to what the job needs, incompatible duties are kept apart, and access is reviewed regularly so that what people have still matches what they should have. ' +
      'Auditors ask for role definitions, the periodic user access reviews with the reviewer\'s sign-off, and the tickets that removed access found to be excessive.',
    ['least', 'privilege', 'role', 'rbac', 'permission', 'entitlement', 'segregation', 'duties', 'recertification', 'review', 'access', 'admin', 'privileged', 'excessive'],
    { pof: 4 },
  ),
  criterion(
    'CC6.4',
    'Physical access',
    'Only authorised people can enter offices, server rooms and data centres or reach hardware and backup media, and physical access is granted, reviewed and removed like logical access. ' +
      'Auditors ask for badge access lists, visitor logs and their reviews; for hosting in the cloud they rely on the provider\'s own SOC 2 report.',
    ['physical', 'badge', 'facility', 'office', 'premises', 'datacenter', 'visitor', 'cctv', 'camera', 'keycard', 'lock', 'guard', 'building'],
    { pof: 4 },
  ),
  criterion(
    'CC6.5',
    'Secure disposal of assets',
    'Laptops, disks, backup tapes and other media that held company or customer data are wiped or destroyed before they are discarded, sold or reused, so that the data cannot be recovered. ' +
      'Auditors ask for the disposal procedure and certificates of destruction or wipe records for a sample of retired devices.',
    ['disposal', 'dispose', 'destruction', 'destroy', 'wipe', 'sanitization', 'sanitize', 'shred', 'degauss', 'decommission', 'media', 'hardware', 'laptop', 'device', 'recycle'],
    { pof: 1 },
  ),
  criterion(
    'CC6.6',
    'Protection at the system boundary',
    'The system is protected against threats from outside its boundary: firewalls and security groups let through only the traffic that is needed, remote access goes through a VPN or similar with strong authentication, and public endpoints are hardened. ' +
      'Auditors ask for firewall or security group rules and their review, the remote access setup, and external vulnerability scan results.',
    ['firewall', 'boundary', 'perimeter', 'vpn', 'remote', 'ingress', 'waf', 'ddos', 'network', 'port', 'inbound', 'bastion', 'gateway', 'endpoint'],
    { pof: 4 },
  ),
  criterion(
    'CC6.7',
    'Data in transit and on the move',
    'Data moving between systems or leaving the company goes only to authorised destinations and is protected on the way, with TLS on the network and limits on removable media and file sharing. ' +
      'Auditors ask for TLS settings, data loss prevention rules, and the policy on USB storage and sharing files outside the company.',
    ['transit', 'tls', 'ssl', 'https', 'transmission', 'transfer', 'usb', 'removable', 'dlp', 'sftp', 'exfiltration', 'sharing', 'mdm'],
    { pof: 4 },
  ),
  criterion(
    'CC6.8',
    'Malicious and unauthorised software',
    'Malicious or unapproved software is stopped from running or is detected and dealt with: endpoints run anti-malware or EDR, installing software is restricted, and code and images are scanned. ' +
      'Auditors compare the endpoint protection coverage report with the device inventory, and ask for alert handling records and the policy on installing software.',
    ['malware', 'antivirus', 'virus', 'edr', 'xdr', 'endpoint', 'ransomware', 'unauthorized', 'unauthorised', 'installation', 'allowlist', 'whitelist', 'malicious'],
    { pof: 5 },
  ),

  // CC7 System Operations
  criterion(
    'CC7.1',
    'Vulnerability and configuration monitoring',
    'The organisation looks for weaknesses before attackers do: it scans for vulnerabilities, watches configurations for drift from a hardened baseline, and follows newly disclosed flaws in what it runs, fixing them within set deadlines. ' +
      'Auditors ask for scan reports from across the period, the remediation time limits, and tickets showing critical findings fixed on time.',
    ['vulnerability', 'scan', 'scanning', 'scanner', 'patch', 'patching', 'cve', 'baseline', 'hardening', 'drift', 'configuration', 'misconfiguration', 'benchmark'],
    { pof: 5 },
  ),
  criterion(
    'CC7.2',
    'Monitoring for anomalies',
    'Systems are watched for unusual activity that could mean an attack, a failure or an error, using centrally collected logs and alerts that someone looks at. ' +
      'Auditors ask what is logged and for how long, which alert rules exist, and for examples of alerts triaged during the period.',
    ['logging', 'log', 'siem', 'alert', 'alerting', 'anomaly', 'monitoring', 'detection', 'intrusion', 'ids', 'cloudtrail', 'suspicious', 'dashboard'],
    { pof: 4 },
  ),
  criterion(
    'CC7.3',
    'Evaluating security events',
    'Each security event is looked at by someone who decides, against written severity levels, whether it is an incident, so that real incidents are not missed and false alarms are closed with a reason. ' +
      'Auditors ask for the triage procedure, the severity definitions and a sample of events showing how each was classified.',
    ['event', 'triage', 'severity', 'classification', 'classify', 'investigation', 'investigate', 'analyst', 'false', 'positive', 'priority', 'escalation'],
    { pof: 7 },
  ),
  criterion(
    'CC7.4',
    'Incident response',
    'A written incident response plan sets out roles, the steps to contain and fix an incident, and when to tell customers and authorities, and the plan is tested, for example by a yearly tabletop exercise. ' +
      'Auditors ask for the plan, the record of its last test, and incident tickets from the period showing the steps were followed.',
    ['incident', 'response', 'containment', 'contain', 'eradication', 'tabletop', 'exercise', 'playbook', 'responder', 'commander', 'runbook'],
    { pof: 14 },
  ),
  criterion(
    'CC7.5',
    'Recovery from incidents',
    'After an incident, systems and data are brought back to normal, the root cause is found, and the lessons learned become changes so that the same thing does not happen again. ' +
      'Auditors ask for post-incident reviews or postmortems and the follow-up actions they produced, with evidence that those actions were completed.',
    ['recovery', 'recover', 'postmortem', 'retrospective', 'lesson', 'learned', 'root', 'cause', 'rca', 'followup', 'aftermath'],
    { pof: 6 },
  ),

  // CC8 Change Management
  criterion(
    'CC8.1',
    'Change management',
    'Every change to code, infrastructure, configuration or data is requested, reviewed, tested and approved by someone other than its author before it reaches production, and emergency changes are approved after the fact. ' +
      'Auditors sample deployments from the period, trace each one to a ticket or pull request with a peer approval and passing tests, and check that branch protection stops anyone from skipping review.',
    ['change', 'pull', 'merge', 'approval', 'deployment', 'deploy', 'release', 'branch', 'rollback', 'emergency', 'peer', 'code', 'production', 'commit', 'pipeline'],
    { pof: 18 },
  ),

  // CC9 Risk Mitigation
  criterion(
    'CC9.1',
    'Business disruption',
    'The organisation plans for events that could stop the business, such as losing a key supplier, a cloud region, an office or key staff, with a business continuity plan and, where it makes sense, insurance. ' +
      'Auditors ask for the continuity plan, the business impact analysis, evidence that the plan was reviewed or exercised, and the cyber insurance policy.',
    ['continuity', 'bcp', 'disruption', 'insurance', 'insurer', 'resilience', 'bia', 'crisis', 'contingency', 'pandemic', 'business'],
    { pof: 2 },
  ),
  criterion(
    'CC9.2',
    'Vendor and partner risk',
    'Vendors and partners that touch the system or its data are listed, assessed before they are engaged, bound by contracts with security terms, and reviewed at least yearly, which includes reading their own SOC 2 reports. ' +
      'Auditors ask for the vendor inventory with risk ratings, due diligence records for new vendors, and the annual review of critical vendors\' reports and bridge letters.',
    ['vendor', 'supplier', 'third', 'party', 'subprocessor', 'contract', 'diligence', 'partner', 'procurement', 'questionnaire', 'outsourced', 'msa', 'bridge'],
    { pof: 13 },
  ),

  // A1 Availability
  criterion(
    'A1.1',
    'Capacity management',
    'Capacity is watched and planned so the service keeps up with demand: use of compute, storage and bandwidth is measured against thresholds, and capacity is added before it runs out. ' +
      'Auditors ask for capacity dashboards or alerts, autoscaling settings, and records of capacity reviews or upgrades.',
    ['capacity', 'utilization', 'utilisation', 'autoscaling', 'scaling', 'load', 'throughput', 'demand', 'threshold', 'bandwidth', 'cpu', 'memory', 'forecast', 'quota'],
    { pof: 3 },
  ),
  criterion(
    'A1.2',
    'Backups and resilient infrastructure',
    'Data and systems are protected against loss: backups run on a schedule, are encrypted and stored apart from production, failed backups raise alerts, and the infrastructure is built to survive failures, from redundant zones to protection against power loss, fire and flood. ' +
      'Auditors ask for backup settings and job logs from the period, how failed backups are monitored, and the hosting provider\'s report for the environmental protections.',
    ['backup', 'snapshot', 'replication', 'redundancy', 'redundant', 'failover', 'ups', 'generator', 'fire', 'flood', 'environmental', 'power', 'hvac', 'availability', 'zone'],
    { pof: 11 },
  ),
  criterion(
    'A1.3',
    'Recovery testing',
    'Backups and recovery plans are tested to prove they work: data is actually restored from backup, and the disaster recovery plan is exercised against its recovery time and recovery point objectives. ' +
      'Auditors ask for dated restore test records with their results, and the report of the last disaster recovery test with any problems it found fixed.',
    ['restore', 'restoration', 'disaster', 'drp', 'rto', 'rpo', 'test', 'drill', 'recovery', 'simulation'],
    { pof: 2 },
  ),

  // C1 Confidentiality
  criterion(
    'C1.1',
    'Identifying and protecting confidential information',
    'Information the company has promised to keep confidential, such as customer data, trade secrets and contract terms, is identified and labelled, access to it is limited, and it is protected wherever it is stored. ' +
      'Auditors ask for the data classification policy, where confidential data lives, and the non-disclosure agreements signed by employees and contractors.',
    ['confidential', 'confidentiality', 'classification', 'label', 'labeling', 'labelling', 'nda', 'sensitive', 'proprietary', 'restricted', 'secret', 'handling'],
    { pof: 3 },
  ),
  criterion(
    'C1.2',
    'Disposing of confidential information',
    'Confidential information is deleted when it is no longer needed or when a contract ends, following a retention schedule, and the deletion is confirmed. ' +
      'Auditors ask for the retention schedule, records of data deleted on request or at contract end, and how deletion reaches backups.',
    ['retention', 'deletion', 'delete', 'purge', 'erasure', 'expiry', 'expiration', 'confidential', 'disposal', 'dispose', 'lifecycle'],
    { pof: 2 },
  ),

  // PI1 Processing Integrity
  criterion(
    'PI1.1',
    'Processing specifications',
    'The organisation defines what correct processing means for its service, with data definitions, input and output formats and the specifications customers rely on, and shares them with the people who need them. ' +
      'Auditors ask for product or API specifications and data dictionaries, and how changes to them are communicated.',
    ['specification', 'spec', 'definition', 'dictionary', 'schema', 'format', 'api', 'documentation', 'field', 'processing'],
  ),
  criterion(
    'PI1.2',
    'Input controls',
    'Data entering the system is checked for completeness and accuracy before it is processed: inputs are validated, rejected records are reported, and only authorised sources can submit data. ' +
      'Auditors ask for the validation rules, examples of rejected or corrected inputs, and how input errors are followed up.',
    ['input', 'validation', 'validate', 'entry', 'ingestion', 'ingest', 'import', 'rejected', 'reject', 'upload', 'parsing'],
  ),
  criterion(
    'PI1.3',
    'Processing controls',
    'Processing runs as specified: jobs are scheduled and monitored, errors are caught and corrected, and results are reconciled so that nothing is lost, duplicated or changed without authorisation. ' +
      'Auditors ask for job monitoring, reconciliation reports and error handling records from the period.',
    ['processing', 'reconciliation', 'reconcile', 'batch', 'job', 'error', 'duplicate', 'idempotent', 'transaction', 'calculation', 'workflow'],
  ),
  criterion(
    'PI1.4',
    'Output controls',
    'Outputs such as reports, files and API responses reach only their intended recipients, complete, accurate and on time. ' +
      'Auditors ask how outputs are checked before release, how delivery is confirmed, and for samples of output reviews or delivery logs.',
    ['output', 'delivery', 'deliver', 'recipient', 'distribution', 'export', 'statement', 'invoice', 'timely', 'receipt'],
  ),
  criterion(
    'PI1.5',
    'Storing inputs, work in progress and outputs',
    'Inputs, work in progress and outputs are stored completely and accurately for as long as required and protected from unauthorised change, so that processing can be traced and repeated. ' +
      'Auditors ask for storage and retention settings, integrity checks such as checksums, and records showing stored data matches what was processed.',
    ['storage', 'store', 'stored', 'checksum', 'hash', 'immutable', 'versioning', 'archive', 'archival', 'traceability', 'lineage', 'tamper'],
  ),

  // P1 to P8 Privacy
  criterion(
    'P1.1',
    'Privacy notice',
    'People whose personal information is collected are told, in a privacy notice they can find, what is collected, why, how it is used and shared, and whom to contact, and the notice is updated when practices change. ' +
      'Auditors ask for the published notice, its version history and how users are told about changes.',
    ['notice', 'privacy', 'transparency', 'cookie', 'gdpr', 'ccpa', 'website', 'published', 'inform'],
  ),
  criterion(
    'P2.1',
    'Choice and consent',
    'People are told what choices they have about how their personal information is collected, used, kept, shared and deleted, and explicit consent is obtained where the law or the company\'s commitments require it. ' +
      'Auditors ask for the consent screens or forms, records of consent given and withdrawn, and the documented basis where consent is implied.',
    ['consent', 'choice', 'opt', 'withdraw', 'withdrawal', 'preference', 'unsubscribe', 'implied', 'explicit', 'lawful', 'basis', 'marketing'],
  ),
  criterion(
    'P3.1',
    'Limiting collection',
    'Personal information is collected only for purposes the company has identified and only as much as those purposes need, and data obtained from sources other than the person is reviewed. ' +
      'Auditors ask for an inventory of the personal data collected with the purpose of each item, and reviews of new collection points.',
    ['collection', 'collect', 'collected', 'minimization', 'minimisation', 'necessary', 'pii', 'source', 'gather', 'acquire'],
  ),
  criterion(
    'P3.2',
    'Explicit consent before collection',
    'Where explicit consent is needed, such as for health or biometric data, people are told why the data is needed and what happens if they refuse, and consent is obtained before anything is collected. ' +
      'Auditors ask for the consent flow for such data and records showing that consent came before collection.',
    ['explicit', 'consent', 'biometric', 'health', 'refuse', 'refusal', 'special', 'prior', 'genetic', 'sensitive'],
  ),
  criterion(
    'P4.1',
    'Limiting use',
    'Personal information is used only for the purposes stated in the notice and agreed to, and any new use is reviewed and, where needed, given fresh notice or consent. ' +
      'Auditors ask how the purposes of each data set are recorded and how new uses, for example in analytics or marketing, are approved.',
    ['purpose', 'limitation', 'secondary', 'analytics', 'profiling', 'repurpose', 'compatible', 'dpia', 'pia', 'ropa'],
  ),
  criterion(
    'P4.2',
    'Retaining personal information',
    'Personal information is kept only as long as its stated purposes or the law require, following a documented retention schedule. ' +
      'Auditors ask for the retention schedule and evidence that data past its retention period is actually removed, such as automated deletion jobs and their logs.',
    ['retention', 'retain', 'retained', 'schedule', 'ttl', 'legal', 'hold', 'lifecycle', 'kept', 'period', 'statutory'],
  ),
  criterion(
    'P4.3',
    'Disposing of personal information',
    'Personal information is disposed of securely once it is no longer kept, everywhere it lives, including copies held by vendors and in backups. ' +
      'Auditors ask for the disposal procedure for personal data and records of disposal, such as deletion logs or vendor certificates.',
    ['disposal', 'dispose', 'deletion', 'erase', 'erasure', 'anonymization', 'anonymisation', 'anonymize', 'destruction', 'purge', 'irreversible'],
  ),
  criterion(
    'P5.1',
    'Access by data subjects',
    'People can ask to see the personal information held about them and get a copy once their identity has been verified, and if a request is refused they are told why. ' +
      'Auditors ask for the procedure for access requests, the request log with response times, and examples of responses.',
    ['dsar', 'dsr', 'sar', 'subject', 'portability', 'copy', 'requester', 'verification', 'verify', 'rights'],
  ),
  criterion(
    'P5.2',
    'Correcting personal information',
    'People can ask for their personal information to be corrected or completed, the correction is passed on to anyone who received the data, and a refusal is explained. ' +
      'Auditors ask for the correction procedure and examples of correction requests handled, including the notices sent to third parties.',
    ['correction', 'correct', 'amend', 'amendment', 'rectification', 'rectify', 'inaccurate', 'incomplete', 'modify', 'erroneous'],
  ),
  criterion(
    'P6.1',
    'Disclosure with consent',
    'Personal information is shared with third parties only for purposes people were told about and agreed to, and any new kind of sharing needs consent first. ' +
      'Auditors ask for the list of third parties that receive personal data, the purpose of each, and how consent covers those disclosures.',
    ['disclosure', 'disclose', 'share', 'third', 'party', 'sell', 'sale', 'onward', 'recipient', 'transfer'],
  ),
  criterion(
    'P6.2',
    'Record of authorised disclosures',
    'Each authorised disclosure of personal information is recorded completely, accurately and on time, so the company can show who received what and when. ' +
      'Auditors ask for the disclosure log and check a sample of known disclosures against it.',
    ['record', 'recordkeeping', 'ledger', 'authorized', 'authorised', 'disclosure', 'logged', 'entry', 'tracking'],
  ),
  criterion(
    'P6.3',
    'Record of unauthorised disclosures',
    'Unauthorised disclosures of personal information, including breaches, are recorded with what happened and what was done, whether they were found internally or reported by someone else. ' +
      'Auditors ask for the breach or privacy incident log and check that known incidents appear in it.',
    ['unauthorized', 'unauthorised', 'breach', 'leak', 'exposure', 'accidental', 'disclosure', 'record', 'inadvertent', 'misdirected'],
  ),
  criterion(
    'P6.4',
    'Privacy commitments of third parties',
    'Vendors that receive personal information are bound by contract to protect it to the company\'s standard, and the company checks that they do. ' +
      'Auditors ask for the data processing agreements with vendors and records of how their privacy compliance is assessed.',
    ['dpa', 'processor', 'subprocessor', 'agreement', 'obligation', 'clause', 'vendor', 'scc', 'commitment'],
  ),
  criterion(
    'P6.5',
    'Breach reporting by third parties',
    'Vendors must tell the company promptly about actual or suspected unauthorised disclosures of personal information, and those reports are handled through the incident response process. ' +
      'Auditors ask for the notification clauses in vendor contracts and examples of vendor breach reports and how they were handled.',
    ['vendor', 'notify', 'notification', 'breach', 'suspected', 'clause', 'processor', 'hour', 'subprocessor', 'promptly'],
  ),
  criterion(
    'P6.6',
    'Breach notification',
    'When a breach affects personal information, the people affected, regulators and anyone else who must be told are notified within the time the law and the company\'s commitments require. ' +
      'Auditors ask for the breach notification procedure, the legal deadlines it follows, and copies of the notices sent for any breach in the period.',
    ['breach', 'notification', 'notify', 'regulator', 'authority', 'affected', 'deadline', 'timeline', 'hour', 'letter', 'supervisory'],
  ),
  criterion(
    'P6.7',
    'Accounting of disclosures',
    'On request, people can get an account of the personal information held about them and of the third parties it was disclosed to. ' +
      'Auditors ask for the procedure for such requests and examples of the accounts provided.',
    ['accounting', 'disclosure', 'disclosed', 'recipient', 'request', 'third', 'history', 'dsar'],
  ),
  criterion(
    'P7.1',
    'Quality of personal information',
    'Personal information is kept accurate, complete, current and relevant to its purpose, for example by letting users update their details and by checking data when it is entered. ' +
      'Auditors ask for the data quality procedure and evidence of the checks or self-service updates that keep records current.',
    ['quality', 'accuracy', 'accurate', 'outdated', 'current', 'relevant', 'hygiene', 'stale', 'cleansing', 'enrichment'],
  ),
  criterion(
    'P8.1',
    'Privacy inquiries, complaints and enforcement',
    'People have a way to ask questions and complain about how their personal information is handled, complaints and disputes are logged and resolved, and privacy compliance is monitored so that problems are fixed promptly. ' +
      'Auditors ask for the privacy contact channel, the complaint log with resolutions, and privacy compliance reviews with follow-up of what they found.',
    ['complaint', 'inquiry', 'dispute', 'grievance', 'dpo', 'resolution', 'enforcement', 'compliance', 'ombudsman', 'privacy', 'contact'],
  ),
]);
