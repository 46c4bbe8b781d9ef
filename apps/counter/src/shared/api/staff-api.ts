/** The staff endpoints every part of the app needs: login, who am I, and the offices. */
import type { LoginResult, OfficeView, StaffView } from '@loket/domain';
import { getJson, postJson } from './http';

export const staffApi = {
  login: async (username: string, password: string) => (await postJson<LoginResult>('/auth/login', { username, password }))!,
  me: () => getJson<StaffView>('/auth/me'),
  offices: () => getJson<OfficeView[]>('/offices'),
};
