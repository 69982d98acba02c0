/** A record turned into a candidate session summary, or why it was not. `skip` is not an error. */
export type Adapted = {
    ok: true;
    value: unknown;
} | {
    ok: false;
    reason: string;
    skip?: boolean;
};
