// The timeline's ruler: where the time marks go. What the tracks mean and where each segment sits
// comes from the core (`Draft.layout()`), not from here.

/** Ruler ticks for a timeline `totalMs` long: at most about ten, at a round step. */
export function rulerTicks(totalMs) {
  if (!(totalMs > 0)) return [];
  // Steps a label of one decimal says exactly (a 250 ms step would label 0.25 s "0.3 s").
  const steps = [200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000];
  const step = steps.find((s) => totalMs / s <= 10) ?? Math.ceil(totalMs / 10 / 60000) * 60000;
  const ticks = [];
  for (let t = 0; t <= totalMs + 0.5; t += step) ticks.push(t);
  return ticks;
}
