import type { VertopalError } from '../vertopal/errors';

// Upload and conversion refusals in plain words. The API's own messages carry placeholders and
// jargon; these say what happened and what to do.
const PLAIN: Record<string, string> = {
  EMPTY_FILE: 'the file is empty',
  LIMIT_UPLOAD_SIZE: 'the file is larger than your Vertopal plan allows',
  NOT_VALID_EXTENSION: 'Vertopal does not accept files of this type',
  ONLY_DEVELOPMENT_FILE: 'this app may only upload the sample files of development mode',
  NO_CONVERTER_INPUT_TO_OUTPUT: 'Vertopal cannot convert this type of file to that format',
  INVALID_OUTPUT_FORMAT: 'Vertopal does not know that output format',
  INVALID_INPUT_FORMAT: 'Vertopal does not recognise the type of this file',
  NOT_MATCH_EXTENSION_AND_INPUT: "the file's extension does not match its content",
  INSUFFICIENT_VCREDITS: 'your Vertopal account has too few vCredits left',
  DOWNLOAD_EXPIRED: 'the download link expired; choose Download Result again for a new one',
};

/** One sentence for a failed upload, conversion start or download of `fileName`. */
export function describeTransferFailure(
  what: string,
  fileName: string,
  error: VertopalError,
): string {
  const plain = error.details.code ? PLAIN[error.details.code] : undefined;
  const reason = plain ?? error.message;
  return `${what} "${fileName}" failed: ${reason}.`.replace(/\.\.$/, '.');
}
