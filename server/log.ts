/** The desk logs one line per start, stop and refused request: what happened, to whom, and why. */
export type DeskLog = (line: string) => void;

export const consoleLog: DeskLog = (line) => console.log(`${new Date().toISOString()} ${line}`);
