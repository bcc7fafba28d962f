import { HAZARD_TYPES, type HazardType } from '@haltung/protocol';

// Okabe–Ito colours (distinguishable with colour-vision deficiency), darkened where needed for
// 3:1 contrast on white; dashes tell lines apart without colour.
const COLOURS = ['#0072b2', '#d55e00', '#007a5a', '#b0509a', '#9a6a00', '#3a7fb0', '#222222', '#7a5c00'];
const DASHES: number[][] = [[], [6, 3], [], [2, 2], [], [8, 3, 2, 3], [4, 4], [1, 3]];

export function hazardColour(hazard: HazardType): string {
  return COLOURS[HAZARD_TYPES.indexOf(hazard) % COLOURS.length] ?? '#222222';
}

export function hazardDash(hazard: HazardType): number[] {
  return DASHES[HAZARD_TYPES.indexOf(hazard) % DASHES.length] ?? [];
}
