/** @jest-environment jsdom */
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';

const { i18n } = await import('../../../i18n');
const { useAdminForm } = await import('./use-admin-form');

describe('the line confirming an admin save', () => {
  afterEach(() => {
    i18n.global.locale.value = 'id';
  });

  it('follows the screen’s language after it was saved', async () => {
    let form!: ReturnType<typeof useAdminForm>;
    const Host = defineComponent({
      setup() {
        form = useAdminForm('service');
        return () => h('p', form.saved.value ?? '');
      },
    });
    const wrapper = mount(Host, { global: { plugins: [i18n] } });
    const { t } = i18n.global;
    expect(await form.run(async () => () => t('admin.services.saved', { code: 'A' }))).toBe(true);
    expect(wrapper.text()).toBe('Layanan A tersimpan.');

    i18n.global.locale.value = 'en';
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toBe('Service A saved.');

    form.saved.value = null;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toBe('');
  });
});
