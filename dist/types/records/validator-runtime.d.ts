import { isDateTime } from './timestamp.js';
export declare const summaryFormats: {
    'date-time': {
        type: string;
        validate: typeof isDateTime;
    };
};
/** A string's length in code points, as JSON Schema's maxLength counts it: a surrogate pair is one, a lone surrogate one. */
export declare function codePointLength(text: string): number;
