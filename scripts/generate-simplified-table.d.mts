export const HAN_BLOCKS: Array<[number, number]>;
export function simplifiedPairs(): string;
