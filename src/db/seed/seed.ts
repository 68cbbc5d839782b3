import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import { inTransaction } from '../../platform/transaction.js';
import { Agency } from '../../modules/agency/agency.entity.js';
import { AgreementParty } from '../../modules/agreement/agreement-party.entity.js';
import { AgreementReview } from '../../modules/agreement/agreement-review.entity.js';
import { Agreement } from '../../modules/agreement/agreement.entity.js';
import { hashPassword } from '../../platform/password.js';
import { Contact } from '../../modules/contact/contact.entity.js';
import { JointActivity } from '../../modules/activity/joint-activity.entity.js';
import { demoActivities } from './demo-activities.js';
import { DEMO_PASSWORD, demoAgencies, demoAgreements, demoContacts, demoReview } from './demo-data.js';

/** What `seedDemoData` did. */
export type SeedOutcome = 'loaded' | 'already-present';

/**
 * Loads the demo data set in one transaction. Idempotent: when the demo's top agency already exists nothing
 * is written.
 */
export async function seedDemoData(orm: MikroORM): Promise<SeedOutcome> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(orm.em.fork(), async (em) => {
    if (await em.count(Agency, { code: demoAgencies[0]!.code })) return 'already-present';
    const agencies = createAgencies(em);
    const contacts = new Map(
      demoContacts.map((c) => [
        c.key,
        em.create(Contact, {
          agency: agencies.get(c.agency)!,
          fullName: c.fullName,
          position: c.position,
          role: c.role ?? null,
          email: c.email ?? null,
          phone: c.phone ?? null,
          passwordHash: c.role ? passwordHash : null,
        }),
      ]),
    );
    const agreements = new Map<string, Agreement>();
    for (const a of demoAgreements) {
      const agreement = em.create(Agreement, {
        code: a.code,
        title: a.title,
        scopeAreas: a.scopeAreas,
        status: a.status,
        signedOn: a.signedOn,
        effectiveOn: a.effectiveOn,
        endedOn: a.endedOn ?? null,
        supersedes: a.supersedes ? agreements.get(a.supersedes)! : null,
      });
      for (const p of a.parties) {
        em.create(AgreementParty, {
          agreement,
          agency: agencies.get(p.agency)!,
          signatory: contacts.get(p.signatory)!,
          signatoryPosition: p.signatoryPosition,
        });
      }
      agreements.set(a.code, agreement);
    }
    const review = em.create(AgreementReview, {
      agreement: agreements.get(demoReview.agreement)!,
      title: demoReview.title,
      heldOn: demoReview.heldOn,
      venue: demoReview.venue,
      findings: demoReview.findings,
    });
    review.attendingAgencies.set(demoReview.attendingAgencies.map((code) => agencies.get(code)!));
    for (const a of demoActivities) {
      const activity = em.create(JointActivity, {
        kind: a.kind,
        title: a.title,
        description: a.description ?? null,
        startedOn: a.startedOn,
        endedOn: a.endedOn,
        agreement: agreements.get(a.agreement)!,
        participantCount: a.participantCount ?? null,
        cmndDelivered: a.documents?.CMND ?? 0,
        cccdDelivered: a.documents?.CCCD ?? 0,
        passportsDelivered: a.documents?.PASSPORT ?? 0,
      });
      activity.agencies.set(a.agencies.map((code) => agencies.get(code)!));
    }
    return 'loaded';
  });
}

function createAgencies(em: EntityManager): Map<string, Agency> {
  const byCode = new Map<string, Agency>();
  for (const a of demoAgencies) {
    const id = randomUUID();
    const parent = a.parent ? byCode.get(a.parent)! : null;
    byCode.set(
      a.code,
      em.create(Agency, {
        id,
        path: Agency.pathUnder(parent, id),
        code: a.code,
        name: a.name,
        sector: a.sector,
        level: a.level,
        parent,
        address: a.address ?? null,
      }),
    );
  }
  return byCode;
}

/**
 * Start-up seeding: `always` loads the demo data set (idempotent), `never` skips, `auto` loads it only into an
 * embedded database that has no agencies yet.
 */
export async function loadDemoDataIfWanted(
  orm: MikroORM,
  mode: 'auto' | 'always' | 'never',
  embedded: boolean,
  logger: Logger,
): Promise<void> {
  if (mode === 'never' || (mode === 'auto' && !embedded)) return;
  if (mode === 'auto' && (await orm.em.fork().count(Agency, {})) > 0) {
    logger.info('the embedded database already holds data: demo data set not loaded');
    return;
  }
  const outcome = await seedDemoData(orm);
  logger.info({ outcome }, outcome === 'loaded' ? 'loaded the demo data set' : 'demo data set already present');
}
