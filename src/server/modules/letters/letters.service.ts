import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { ValidationFailed } from '../../http/errors.js';
import { translator } from '../../i18n/index.js';
import { SETTINGS } from '../settings/settings.js';
import { StaleVersion } from '../users/users.service.js';
import { renderLetterPdf, type DecisionLetterInput } from './letter.pdf.js';
import {
  LETTER_LANGUAGES,
  letterTemplate,
  PLACEHOLDERS,
  templateProblems,
  type LanguageTemplates,
  type LetterKind,
  type LetterLanguage,
  type LetterTemplates,
} from './templates.js';

export const TEMPLATES_KEY = 'letters.templates';

export interface StoredTemplates {
  templates: LetterTemplates;
  /** 0 while nothing has been saved. */
  version: number;
  updatedAt: Date | null;
}

async function loadTemplates(db: Executor, lock = false): Promise<StoredTemplates> {
  let query = db.selectFrom('appSetting').select(['value', 'version', 'updatedAt']).where('key', '=', TEMPLATES_KEY);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  const parsed = row ? SETTINGS[TEMPLATES_KEY].schema.safeParse(row.value) : null;
  return {
    templates: parsed?.success ? parsed.data : SETTINGS[TEMPLATES_KEY].default,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Which parts changed, as paths like `fi.kinds.admission` or `sv.appeal`: never the texts. */
function changedParts(before: LetterTemplates, after: LetterTemplates): string[] {
  const changed: string[] = [];
  for (const lang of LETTER_LANGUAGES) {
    const a = before[lang];
    const b = after[lang];
    for (const part of ['letterhead', 'labels', 'closing', 'appeal'] as const) {
      if (JSON.stringify(a[part]) !== JSON.stringify(b[part])) changed.push(`${lang}.${part}`);
    }
    for (const kind of Object.keys(b.kinds) as LetterKind[]) {
      if (JSON.stringify(a.kinds[kind]) !== JSON.stringify(b.kinds[kind])) changed.push(`${lang}.kinds.${kind}`);
    }
  }
  return changed;
}

/** Clearly made-up facts for a preview: no real person's data ever goes into one. */
export function sampleLetterInput(language: LetterLanguage, kind: LetterKind): DecisionLetterInput {
  const t = translator(language);
  const names = {
    fi: { client: 'Maija Meikäläinen', child: 'Aino Meikäläinen', decidedBy: 'Eeva Esimerkki' },
    sv: { client: 'Maja Exempel', child: 'Alva Exempel', decidedBy: 'Eva Exempelsson' },
    en: { client: 'Alex Example', child: 'Sam Example', decidedBy: 'Eve Sample' },
  }[language];
  const withChildren = kind === 'admission' || kind === 'termination';
  return {
    language,
    kind,
    decidedOn: '2026-02-01',
    decidedBy: names.decidedBy,
    client: { name: names.client, number: 'C-00000', birthDate: '1990-05-17' },
    applicationNumber: kind === 'admission' || kind === 'rejection' ? 'A-2026-0000' : null,
    receivedOn: kind === 'admission' || kind === 'rejection' ? '2026-01-12' : null,
    reason: kind === 'rejection' ? 'no_need_for_assistance' : kind === 'termination' ? 'no_longer_needs_assistance' : null,
    grounds: t('letterPreview.grounds'),
    expertGroupHeard: true,
    category: kind === 'admission' ? 'victim' : null,
    children: withChildren ? [{ name: names.child, number: 'C-00001' }] : [],
    periodStart: kind === 'reflection_period' ? '2026-02-01' : kind === 'extension' ? '2026-05-01' : null,
    periodEnd: kind === 'reflection_period' ? '2026-04-30' : kind === 'extension' ? '2026-07-31' : null,
    officeCode: 'helsinki',
  };
}

export function createLettersService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  return {
    placeholders: PLACEHOLDERS,

    read: () => loadTemplates(db),

    /** Saves the whole set over the version the administrator read; a newer one is a conflict. */
    async update(actor: Actor, input: { version: number; templates: LetterTemplates }): Promise<StoredTemplates> {
      return withTransaction(db, async (tx) => {
        const before = await loadTemplates(tx, true);
        if (before.version !== input.version) throw new StaleVersion(before);
        const problems = templateProblems(input.templates, 'templates');
        if (problems.length > 0) throw new ValidationFailed(problems);
        const changed = changedParts(before.templates, input.templates);
        if (changed.length === 0) return before;
        const value = JSON.stringify(SETTINGS[TEMPLATES_KEY].schema.parse(input.templates));
        const saved =
          before.version === 0
            ? await tx
                .insertInto('appSetting')
                .values({ key: TEMPLATES_KEY, value, updatedBy: actor.userId, updatedAt: now(), version: 1 })
                .onConflict((oc) => oc.column('key').doNothing())
                .returning('key')
                .executeTakeFirst()
            : await tx
                .updateTable('appSetting')
                .set({ value, updatedBy: actor.userId, updatedAt: now(), version: before.version + 1 })
                .where('key', '=', TEMPLATES_KEY)
                .where('version', '=', before.version)
                .returning('key')
                .executeTakeFirst();
        if (!saved) throw new StaleVersion(await loadTemplates(tx));
        await appendAudit(tx, actor, { action: 'settings.letter_templates.update', objectType: 'app_setting', objectIds: [TEMPLATES_KEY], details: { changed } }, now());
        return loadTemplates(tx);
      });
    },

    /** A letter from made-up facts, with the saved templates or the language's unsaved ones. */
    async preview(language: LetterLanguage, kind: LetterKind, draft?: LanguageTemplates): Promise<Buffer> {
      if (draft) {
        const problems = templateProblems(draft, 'template');
        if (problems.length > 0) throw new ValidationFailed(problems);
      }
      const saved = draft ? null : await loadTemplates(db);
      const templates = { ...(saved?.templates ?? SETTINGS[TEMPLATES_KEY].default), ...(draft ? { [language]: draft } : {}) } as LetterTemplates;
      const input = sampleLetterInput(language, kind);
      const office = await db.selectFrom('office').select(['nameFi', 'nameSv', 'nameEn']).where('code', '=', input.officeCode!).executeTakeFirst();
      const officeName = office ? { fi: office.nameFi, sv: office.nameSv, en: office.nameEn }[language] : null;
      return renderLetterPdf(letterTemplate(templates, language, kind), input, { officeName });
    },
  };
}

export type LettersService = ReturnType<typeof createLettersService>;
