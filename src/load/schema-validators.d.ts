// Types of the generated module beside this file (npm run schema:compile).
import type { ValidateFunction } from 'ajv';

export declare const journey: ValidateFunction;
export declare const owners: ValidateFunction;
export declare const channels: ValidateFunction;
export declare const personas: ValidateFunction;
export declare const events: ValidateFunction;
export declare const scenario: ValidateFunction;
export declare const config: ValidateFunction;
