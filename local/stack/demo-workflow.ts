/** The workflow `npm run demo` plays: a document, a selfie, both reports, then a Send/Receive risk score. */
export const DEMO_WORKFLOW_NAME = 'Demo: document, selfie and risk score';

export const DEMO_DEFINITION = {
  name: DEMO_WORKFLOW_NAME,
  description: 'Captures a document and a selfie, runs the document and facial similarity reports, asks the integrator for a risk score.',
  input: { applicant: ['first_name', 'last_name'] },
  output: { risk_score: { format: 'number' } },
  start: 'document',
  tasks: [
    { id: 'document', type: 'document_capture', name: 'Capture document', timeout_seconds: 3600, next: 'selfie' },
    { id: 'selfie', type: 'face_capture_photo', name: 'Capture selfie', timeout_seconds: 3600, next: 'document_report' },
    { id: 'document_report', type: 'document_report', next: 'facial_similarity' },
    { id: 'facial_similarity', type: 'facial_similarity_report', variant: 'photo', next: 'risk' },
    {
      id: 'risk', type: 'send_receive', task_def_id: 'risk_score', task_def_version: '1', timeout_seconds: 3600,
      send: { first_name: { format: 'string', source: 'input.applicant.first_name' }, document: { format: 'other', source: 'tasks.document_report.output' } },
      receive: { score: { format: 'number', required: true } },
      next: 'decide',
    },
    {
      id: 'decide', type: 'logic', name: 'Decide',
      branches: [{ name: 'Clear and low risk', when: { all: [{ path: 'tasks.risk.output.score', op: 'lt', value: 50 }, { path: 'tasks.document_report.output.result', op: 'eq', value: 'clear' }] }, next: 'approve' }],
      else: 'review',
    },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['clear_and_low_risk'], output: { risk_score: 'tasks.risk.output.score' } },
    { id: 'review', type: 'result', outcome: 'review', reasons: ['needs_review'], output: { risk_score: 'tasks.risk.output.score' } },
  ],
} as const;
