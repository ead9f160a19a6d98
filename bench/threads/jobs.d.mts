export declare const SPAN: number;
export declare function countPrimes(lo: number, hi: number): number;
export declare function jobStart(j: number): number;
export default function task(job: number | { tiny: number }): number;
