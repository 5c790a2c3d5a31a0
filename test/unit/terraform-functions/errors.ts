/** The recorded answer of an expression Terraform rejects (an EvalError here). */
export const ERROR = 'ERROR';
