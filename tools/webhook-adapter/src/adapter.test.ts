import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { messageFor } from './messages.js';
import { verifyWebhook } from './verify.js';

const secret = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`;
const sign = (id: string, ts: number, body: string, key = secret) =>
  `v1,${createHmac('sha256', Buffer.from(key.slice(6), 'base64'))
    .update(`${id}.${ts}.${body}`)
    .digest('base64')}`;

void test('takes a message signed with the secret, and refuses a changed body, another secret or an old timestamp', () => {
  const body = '{"type":"ticket.called"}';
  const now = 1_765_000_000;
  const headers = { id: 'msg_1', timestamp: String(now), signature: sign('msg_1', now, body) };
  assert.equal(verifyWebhook([secret], headers, body, now), true);
  assert.equal(verifyWebhook([secret], headers, `${body} `, now), false);
  assert.equal(verifyWebhook([`whsec_${Buffer.from('another one').toString('base64')}`], headers, body, now), false);
  assert.equal(verifyWebhook([secret], headers, body, now + 301), false);
  // During a rotation both signatures come; either secret verifies.
  const old = `whsec_${Buffer.from('the old secret').toString('base64')}`;
  const both = { ...headers, signature: `${sign('msg_1', now, body)} ${sign('msg_1', now, body, old)}` };
  assert.equal(verifyWebhook([old], both, body, now), true);
});

void test('says in Indonesian where to go when called, to the number the citizen gave', () => {
  const message = messageFor(
    {
      type: 'ticket.called',
      data: { ticket: { number: 'A-012' }, counter: { number: 5, name: 'Loket 5' }, office: { name: 'MPP Kota' }, contact: { phone: '+6281234567890' } },
    },
    'https://loket.example.go.id',
  );
  assert.deepEqual(message, { to: '+6281234567890', text: 'A-012 dipanggil ke Loket 5. Silakan menuju loket sekarang.' });
});

void test('tells how many are ahead when the turn is near, and sends nothing for staff alerts', () => {
  const near = messageFor(
    { type: 'ticket.near', data: { ticket: { number: 'A-012' }, ahead: 3, estimatedWaitMinutes: 8, office: { name: 'MPP Kota' }, contact: null } },
    'x',
  );
  assert.equal(near?.text, 'A-012: tinggal 3 antrean lagi, perkiraan 8 menit lagi. Mohon bersiap di ruang tunggu MPP Kota.');
  assert.equal(near?.to, null);
  assert.equal(messageFor({ type: 'alert.raised', data: {} }, 'x'), null);
});
