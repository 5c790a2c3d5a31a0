import { window } from 'vscode';
import { SuppressFindingArguments, suppressionReasonProblem, suppressionUntilProblem } from '../../server/src/protocol';

/**
 * Asks why the finding is accepted (required) and until when (optional), checked as the server checks
 * them. Undefined when either question is dismissed: nothing is written then.
 */
export async function askSuppression(args: SuppressFindingArguments): Promise<SuppressFindingArguments | undefined> {
  const what = args.sid ? `${args.rule} in statement ${args.sid}` : args.rule;
  const reason = await window.showInputBox({
    title: `Suppress ${what}`,
    prompt: 'Why is this finding accepted? The reason is written with the suppression and shown in every report.',
    placeHolder: 'e.g. public base image, reviewed by the security team',
    ignoreFocusOut: true,
    validateInput: (value) => suppressionReasonProblem(value),
  });
  if (reason === undefined || suppressionReasonProblem(reason)) return undefined;
  const until = args.until ?? await window.showInputBox({
    title: `Suppress ${what}: until when?`,
    prompt: 'Last day the suppression holds (YYYY-MM-DD, UTC); after it the finding comes back. Leave empty for no end.',
    placeHolder: 'YYYY-MM-DD (optional)',
    ignoreFocusOut: true,
    validateInput: (value) => suppressionUntilProblem(value, new Date()),
  });
  if (until === undefined) return undefined;
  return { ...args, reason: reason.trim(), until: until.trim() };
}
