import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, type DemoRole } from '@ksbb/testing';
import { navLabels, signIn, startE2e, type E2e } from './support/browser';

/**
 * Table-driven over roles × pages: each role sees exactly its own navigation, opens its own pages, and gets "not
 * allowed" (without the page's data being requested) when it types another role's URL (on CI a share of them: see
 * `pagesToOpen`).
 */
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const POKJA: DemoRole[] = ['admin', 'operator'];

/** Every page of the app and the roles that may open it (written out here, independently of navigation.ts). */
const PAGES: { path: string; roles: DemoRole[]; api?: string }[] = [
  { path: '/', roles: ['admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'kelurahan'] },
  { path: '/needs', roles: POKJA, api: '/api/v1/needs' },
  { path: '/needs/new', roles: POKJA },
  { path: '/needs/import', roles: POKJA },
  { path: `/needs/${SOME_ID}/edit`, roles: POKJA, api: `/api/v1/needs/${SOME_ID}` },
  { path: '/collaborators', roles: POKJA, api: '/api/v1/collaborators' },
  { path: '/aggregators', roles: POKJA, api: '/api/v1/aggregators' },
  { path: `/aggregators/${SOME_ID}`, roles: POKJA, api: `/api/v1/aggregators/${SOME_ID}` },
  { path: '/commitments', roles: POKJA, api: '/api/v1/commitments' },
  { path: `/commitments/${SOME_ID}`, roles: POKJA, api: `/api/v1/commitments/${SOME_ID}` },
  { path: '/allocations', roles: POKJA, api: '/api/v1/allocations' },
  { path: '/handovers', roles: POKJA, api: '/api/v1/handovers' },
  { path: `/handovers/${SOME_ID}`, roles: POKJA, api: `/api/v1/handovers/${SOME_ID}` },
  { path: '/programs', roles: ['admin', 'operator', 'viewer'] },
  { path: '/reports', roles: ['admin', 'operator', 'viewer'], api: '/api/v1/report' },
  { path: '/outbox', roles: POKJA, api: '/api/v1/notifications' },
  { path: '/users', roles: ['admin'], api: '/api/v1/users' },
  { path: '/audit', roles: POKJA, api: '/api/v1/audit' },
  { path: '/my-organisation', roles: ['collaborator'], api: '/api/v1/collaborators/' },
  { path: '/open-needs', roles: ['collaborator'], api: '/api/v1/needs' },
  { path: '/my-commitments', roles: ['collaborator'], api: '/api/v1/commitments' },
  { path: '/my-commitments/new', roles: ['collaborator'] },
  { path: `/my-commitments/${SOME_ID}`, roles: ['collaborator'], api: `/api/v1/commitments/${SOME_ID}` },
  { path: '/my-claims', roles: ['collaborator'], api: '/api/v1/allocations' },
  { path: '/assignments', roles: ['aggregator'], api: '/api/v1/commitments' },
  { path: '/institutions', roles: ['admin', 'operator', 'viewer'], api: '/api/v1/institutions' },
  { path: '/need-flags', roles: ['admin', 'operator', 'viewer', 'kelurahan'], api: '/api/v1/need-flags' },
  { path: `/assignments/${SOME_ID}`, roles: ['aggregator'], api: `/api/v1/commitments/${SOME_ID}` },
  { path: '/deliveries', roles: ['collaborator', 'aggregator'], api: '/api/v1/handovers' },
  { path: '/deliveries/new', roles: ['collaborator', 'aggregator'], api: '/api/v1/allocations' },
  {
    path: `/deliveries/${SOME_ID}`,
    roles: ['collaborator', 'aggregator'],
    api: `/api/v1/handovers/${SOME_ID}`,
  },
  { path: '/area-needs', roles: ['kelurahan'], api: '/api/v1/needs' },
  { path: `/area-needs/${SOME_ID}`, roles: ['kelurahan'], api: `/api/v1/needs/${SOME_ID}` },
  { path: '/area-claims', roles: ['kelurahan'], api: '/api/v1/allocations' },
  { path: '/area-handovers', roles: ['kelurahan'], api: '/api/v1/handovers' },
  { path: `/area-handovers/${SOME_ID}`, roles: ['kelurahan'], api: `/api/v1/handovers/${SOME_ID}` },
];

const POKJA_NAV = [
  'Dasbor',
  'Kebutuhan',
  'Kolaborator',
  'Agregator',
  'Komitmen',
  'Klaim',
  'Serah terima',
  'Lembaga sasaran',
  'Tanda kebutuhan',
  'Program',
  'Laporan',
  'Notifikasi',
];
const NAVIGATION: Record<DemoRole, string[]> = {
  admin: [...POKJA_NAV, 'Pengguna', 'Audit'],
  operator: [...POKJA_NAV, 'Audit'],
  viewer: ['Dasbor', 'Lembaga sasaran', 'Tanda kebutuhan', 'Program', 'Laporan'],
  // a role whose home is no dashboard reads "Beranda"
  collaborator: [
    'Beranda',
    'Organisasi saya',
    'Kebutuhan terbuka',
    'Komitmen saya',
    'Klaim saya',
    'Penyaluran saya',
  ],
  aggregator: ['Beranda', 'Penugasan', 'Penyaluran saya'],
  kelurahan: ['Beranda', 'Kebutuhan wilayah', 'Klaim wilayah', 'Serah terima wilayah', 'Tanda kebutuhan'],
};

const ROLES = Object.keys(NAVIGATION) as DemoRole[];

/**
 * The pages a role opens by URL: locally every page. On CI (`CI` set) every page the role may open, and each page it
 * may not open only when it is that page's turn among the roles refused it (the n-th page by the (n mod k)-th of its k
 * refused roles) — so every page is still refused by URL to someone, each role is still refused some pages, and a
 * run opens ~120 URLs instead of ~270.
 */
function pagesToOpen(role: DemoRole): typeof PAGES {
  if (!process.env.CI) return PAGES;
  return PAGES.filter(({ roles }, n) => {
    if (roles.includes(role)) return true;
    const refused = ROLES.filter((r) => !roles.includes(r));
    return refused[n % refused.length] === role;
  });
}
const NOT_ALLOWED = 'Akses tidak diizinkan';

// the roles run side by side (each in its own browser profile); the first one to need the stack starts it
let started: Promise<E2e> | null = null;
const stack = (): Promise<E2e> => (started ??= startE2e());
afterAll(async () => (await started)?.close());

/** Open a URL as typed in the address bar (a full load that restores the session) and say whether it was refused. */
async function openByUrl(page: Page, path: string): Promise<{ refused: boolean; apiCalls: string[] }> {
  const apiCalls: string[] = [];
  const record = (request: { url(): string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/v1/') && !url.pathname.startsWith('/api/v1/auth/'))
      apiCalls.push(url.pathname);
  };
  page.on('request', record);
  await page.goto(path);
  // every page ends in a heading, or (a detail with an unknown id) in the API's problem
  await page.locator('main h1, main [role="alert"]').first().waitFor();
  const refused = (await page.getByRole('heading', { level: 1, name: NOT_ALLOWED }).count()) > 0;
  page.off('request', record);
  return { refused, apiCalls };
}

it.concurrent.each(ROLES)(
  "%s sees only its own navigation, opens its own pages and is refused every other role's page by URL",
  async (role) => {
    const { context, page } = await (await stack()).openContext();
    try {
      await signIn(page, DEMO_ACCOUNTS[role]);
      expect(await navLabels(page)).toEqual(NAVIGATION[role]);

      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const { path, roles, api } of pagesToOpen(role)) {
        const { refused, apiCalls } = await openByUrl(page, path);
        const allowed = roles.includes(role);
        expected[path] = allowed ? 'opens' : 'refused';
        outcome[path] = refused ? 'refused' : 'opens';
        // a refused page never loads its data
        if (!allowed && api && apiCalls.some((call) => call.startsWith(api)))
          outcome[path] = `refused but called ${api}`;
      }
      expect(outcome).toEqual(expected);
    } finally {
      await context.close();
    }
  },
  240_000,
);

describe('without login', () => {
  it('opens the public page, and any other page sends it to the login page', async () => {
    const { context, page } = await (await stack()).openContext();
    await page.goto('/public');
    await page.getByRole('heading', { level: 1, name: 'Kebutuhan warga Jakarta' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigasi utama' }).count()).toBe(0);

    await page.goto('/needs');
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=%2Fneeds');
    await context.close();
  });
});
