/** Example pictures of the four standard retry reasons: small inline SVG drawings, each with its own text alternative. */
import { useId, type ReactNode } from 'react';

export const STANDARD_REASONS = ['expired_document', 'unaccepted_document', 'generic_document_issue', 'generic_selfie_issue'] as const;
export type StandardReason = (typeof STANDARD_REASONS)[number];

const INK = '#1d2433';
const BAD = '#a61b1b';

/** An identity card: photo, text lines, MRZ. */
const card = (
  <g>
    <rect x="20" y="30" width="160" height="100" rx="10" fill="#e8eefc" stroke={INK} strokeWidth="3" />
    <rect x="34" y="46" width="40" height="50" rx="4" fill="#b9c7ea" stroke={INK} strokeWidth="2" />
    <circle cx="54" cy="63" r="9" fill={INK} /><path d="M38 94 q16 -22 32 0" fill={INK} />
    <path d="M86 52 h70 M86 66 h56 M86 80 h64" stroke={INK} strokeWidth="5" strokeLinecap="round" />
    <path d="M34 112 h132" stroke={INK} strokeWidth="4" strokeDasharray="6 4" />
  </g>
);

const DRAWINGS: Record<StandardReason, ReactNode> = {
  // The card, its expiry date crossed out, a calendar.
  expired_document: (
    <>
      {card}
      <rect x="128" y="8" width="56" height="52" rx="6" fill="#fff" stroke={BAD} strokeWidth="3" />
      <path d="M128 22 h56" stroke={BAD} strokeWidth="3" /><path d="M142 4 v10 M170 4 v10" stroke={BAD} strokeWidth="4" strokeLinecap="round" />
      <path d="M140 30 l32 22 M172 30 l-32 22" stroke={BAD} strokeWidth="5" strokeLinecap="round" />
    </>
  ),
  // The card under a "not accepted" sign.
  unaccepted_document: (
    <>
      {card}
      <circle cx="156" cy="36" r="26" fill="#fff" stroke={BAD} strokeWidth="6" />
      <path d="M138 54 l36 -36" stroke={BAD} strokeWidth="6" />
    </>
  ),
  // The card with glare across it and a corner cut off by the frame.
  generic_document_issue: (
    <>
      {card}
      <path d="M92 30 l40 0 l-60 100 l-40 0 z" fill="#fff" opacity=".85" />
      <path d="M150 118 l40 0 l0 24 l-40 0 z" fill="#f4f6fa" />
      <path d="M10 20 h24 M10 20 v24 M190 20 h-24 M190 20 v24 M10 140 h24 M10 140 v-24" stroke={BAD} strokeWidth="4" strokeLinecap="round" fill="none" />
    </>
  ),
  // A face in the oval, half in shadow, with a sun low at the side.
  generic_selfie_issue: (
    <>
      <ellipse cx="100" cy="80" rx="52" ry="66" fill="#e8eefc" stroke={INK} strokeWidth="3" />
      <circle cx="100" cy="68" r="24" fill="#b9c7ea" stroke={INK} strokeWidth="2" />
      <path d="M64 132 q36 -44 72 0" fill="#b9c7ea" stroke={INK} strokeWidth="2" />
      <path d="M100 44 a24 24 0 0 1 0 48 z" fill={INK} opacity=".55" />
      <circle cx="176" cy="26" r="12" fill="#f0b429" /><path d="M176 6 v-4 M196 26 h4 M190 12 l3 -3" stroke="#b7791f" strokeWidth="3" strokeLinecap="round" />
      <path d="M34 20 l22 22 M56 20 l-22 22" stroke={BAD} strokeWidth="5" strokeLinecap="round" />
    </>
  ),
};

/** The example picture of a standard reason, announced by `label`. */
export function RetryPicture({ reason, label }: { reason: StandardReason; label: string }) {
  const id = useId();
  return (
    <svg className="retry-picture" viewBox="0 0 200 150" width="200" height="150" role="img" aria-labelledby={id}>
      <title id={id}>{label}</title>
      {DRAWINGS[reason]}
    </svg>
  );
}
