/** Workflow management: saving versions, activating and publishing them, archiving. The only door in. */
export { createWorkflow, saveVersion, type NewWorkflow, type SavedVersion } from './save';
export { activateVersion, loadVersion, type Activated } from './activate';
export { archiveVersion, compiledAsl } from './archive';
export { compileContext, compileVersion, captureCapabilities } from './compile';
export { aliasArn, machineArn, machineName, LIVE_ALIAS } from './publish';
export { workflowView, versionSummary, versionView, InvalidVersionError, type WorkflowView, type VersionView, type VersionSummary, type TaskUpdate } from './views';
export { updateWorkflowDetails, type WorkflowDetails } from './details';
