/**
 * The "Get lead score" custom workflow action. HubSpot POSTs to `actionUrl` when a contact reaches the action; the
 * answer's `outputFields` become values later workflow steps branch on (e.g. "stage is SQL → create a task").
 *
 * Shape: HubSpot's template `2025.2/components/workflow-actions/…/workflow-actions-hsmeta.json`
 * (github.com/HubSpot/hubspot-project-components) for the config keys; `outputFields[].typeDefinition` and
 * `labels.<lang>.outputFieldLabels` from the Automation Actions 2026-03 OpenAPI spec
 * (HubSpot/HubSpot-public-api-spec-collection, PublicActionDefinitionEgg / OutputFieldDefinition / PublicActionLabels).
 */

/** The output fields, in the order the workflow editor lists them. Names are the keys the route answers with. */
export const WORKFLOW_ACTION_OUTPUTS = [
  { name: 'score', type: 'number', label: 'Lead score' },
  { name: 'fit', type: 'number', label: 'Fit score' },
  { name: 'engagement', type: 'number', label: 'Engagement score' },
  { name: 'grade', type: 'string', label: 'Grade' },
  { name: 'stage', type: 'string', label: 'Stage' },
] as const;

export type WorkflowActionOutputName = (typeof WORKFLOW_ACTION_OUTPUTS)[number]['name'];

/** The `workflow-action` component for an action served at `actionUrl`. */
export function workflowActionComponent(actionUrl: string, isPublished: boolean): unknown {
  return {
    uid: 'get_lead_score',
    type: 'workflow-action',
    config: {
      actionUrl,
      isPublished,
      supportedClients: [{ client: 'WORKFLOWS' }],
      // One optional input: which published model answers (empty: the portal's first, enough with one model).
      inputFields: [
        { typeDefinition: { name: 'modelId', type: 'string', fieldType: 'text' }, supportedValueTypes: ['STATIC_VALUE'], isRequired: false },
      ],
      // Grade and stage are strings, not enumerations: their values come from each portal's own model.
      outputFields: WORKFLOW_ACTION_OUTPUTS.map((o) => ({
        typeDefinition: { name: o.name, type: o.type, fieldType: o.type === 'number' ? 'number' : 'text' },
      })),
      labels: {
        en: {
          actionName: 'Get lead score',
          actionDescription:
            "Returns the contact's current lead score, fit, engagement, grade and stage from your published model, for later steps to branch on.",
          actionCardContent: 'Get the lead score of the enrolled contact',
          inputFieldLabels: { modelId: 'Model id (optional)' },
          inputFieldDescriptions: { modelId: 'Leave empty to use your published model. Set a model id when you publish several.' },
          outputFieldLabels: Object.fromEntries(WORKFLOW_ACTION_OUTPUTS.map((o) => [o.name, o.label])),
        },
      },
      objectTypes: ['CONTACT'],
    },
  };
}
