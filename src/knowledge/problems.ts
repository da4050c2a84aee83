// What a knowledge file can get wrong, said so that the person editing it can find and fix it.

export interface Problem {
  file: string;
  /** Where in the file, for text that is not valid JSON (1-based). */
  line?: number;
  column?: number;
  /** The entry's id when it has one, else its position in the file. */
  entry?: string;
  /** Dotted path of the field inside the entry. */
  field?: string;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "KnowledgeError";
  }
}

export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => {
    // file:line:column is what terminals and editors turn into a link to the spot.
    const file = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
    const where = [file, p.entry && `entry "${p.entry}"`, p.field && `field "${p.field}"`]
      .filter(Boolean)
      .join(", ");
    return `  - ${where}: ${p.message}`;
  });
  return `Knowledge base is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`;
}
