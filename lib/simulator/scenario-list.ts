/**
 * Scenario names as `--scenario` and CHAINWATCH_SCENARIOS give them (no import: the
 * configuration reads this without loading the simulator).
 */

/** Comma-separated names, each once, in order; null when one is empty or not a name. */
export function parseScenarioList(text: string): string[] | null {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => !/^[a-z][a-z0-9-]*$/.test(name))) return null;
  return [...new Set(names)];
}

/** The sentence refusing the names no scenario has; null when every name is known. */
export function unknownScenariosMessage(names: readonly string[], known: readonly string[]): string | null {
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return null;
  return `unknown scenario ${unknown.map((name) => `"${name}"`).join(', ')}; known scenarios: ${known.join(', ')}`;
}
