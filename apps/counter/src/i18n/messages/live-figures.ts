// The figures the building manager's agency rows and the regional dashboard's office rows share
// (issue 20): the same headings and notes, one text each. Indonesian first; English has the same keys.
export const liveFiguresId = {
  waiting: 'Menunggu',
  longest: 'Tunggu terlama',
  within: 'Sesuai standar hari ini',
  ofCalls: 'dari {n} panggilan',
  counters: 'Loket buka',
  ikm: 'IKM periode ini',
  ikmOf: 'mutu {grade}, {n} responden',
  ikmIncomplete: '{n} responden, belum lengkap',
};

export type LiveFiguresMessages = typeof liveFiguresId;

export const liveFiguresEn: LiveFiguresMessages = {
  waiting: 'Waiting',
  longest: 'Longest wait',
  within: 'Within standard today',
  ofCalls: 'of {n} calls',
  counters: 'Counters open',
  ikm: 'IKM this period',
  ikmOf: 'grade {grade}, {n} respondents',
  ikmIncomplete: '{n} respondents, incomplete',
};
