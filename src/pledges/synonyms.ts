/**
 * The synonym files in data/: synonyms.json (staff's, edited by hand) and
 * synonyms.generated.json (built from Sudachi's synonym dictionary by `npm run data:readings`).
 * Both map a citizen's word to words of the data. Staff's entries win over generated ones.
 */
export interface SynonymsFile {
  $comment?: string;
  synonyms: Record<string, string[]>;
  /** Generated only: other spellings of the same word (癌 → がん), weighed like staff's synonyms. */
  variants?: Record<string, string[]>;
  /**
   * Generated only: WordNet's synonyms of the words of the English fields, as "a resident's
   * English word → the data's words" (kid → child), built with the Sudachi groups.
   */
  english?: Record<string, string[]>;
}
