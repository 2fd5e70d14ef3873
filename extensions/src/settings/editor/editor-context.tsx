import { createContext, useContext } from 'react';
import type { PropertyCatalog } from '../use-properties.js';

/**
 * What every field of the model editor may need without threading it through each level: the property
 * catalogue (picker), whether ids are shown (the "Advanced" switch), and where a field reports input it could
 * not accept (a number field holding "lots"), so Save refuses while any is left.
 */
export interface EditorEnv {
  catalog: PropertyCatalog | null;
  advanced: boolean;
  /** `message` null clears the field's problem. */
  reportInvalid: (path: string, message: string | null) => void;
}

const EditorContext = createContext<EditorEnv>({ catalog: null, advanced: true, reportInvalid: () => undefined });

export const EditorProvider = EditorContext.Provider;
export const useEditorEnv = () => useContext(EditorContext);
