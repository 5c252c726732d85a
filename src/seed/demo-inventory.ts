import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { initiativeSources } from '../initiatives/initiative-fields';
import type { sectors } from '../shared/enums';
import { demoTenants } from './demo-ids';

/*
 * The inventory of the (fictional) demo municipalities, answered as the roadmap's questionnaire
 * asks: partners, sectors, for whom, how many, since when. Beekvliet leaves the parents' own
 * associations out on purpose and Heidebos has an active domain without any initiative, so the
 * view has gaps to show.
 */

type Sector = (typeof sectors)[number];
type Source = (typeof initiativeSources)[number];

interface InventoryAnswers {
  partners: string[];
  sectors: Sector[];
  targetGroup: string;
  reachFamilies?: number;
  reachChildren?: number;
  since?: string;
  contactOrganisation: string;
  source: Source;
  effect?: string;
}

interface NewInitiative extends InventoryAnswers {
  name: string;
  description: string;
  state: 'planned' | 'active' | 'finished';
  domain?: string;
}

const beekvlietAnswers: Record<string, InventoryAnswers> = {
  'Sociaal restaurant De Smaak': {
    partners: ['OCMW Beekvliet', 'vzw De Smaak'],
    sectors: ['gemeentelijke_partners', 'welzijnspartners'],
    targetGroup: 'Gezinnen met een beperkt inkomen en alleenstaanden uit de buurt',
    reachFamilies: 60,
    reachChildren: 85,
    since: '2019-03-01',
    contactOrganisation: 'vzw De Smaak',
    source: 'multi_year_plan',
    effect: 'Vaste bezoekers; kinderen komen vooral op woensdag mee.',
  },
  'Speelpleinwerking De Speelvogel': {
    partners: ['Jeugddienst Beekvliet', 'Vrijwillige monitoren'],
    sectors: ['gemeentelijke_partners', 'onderwijs_en_vorming'],
    targetGroup: 'Kinderen van 4 tot 14 jaar',
    reachChildren: 240,
    since: '2012-07-01',
    contactOrganisation: 'Jeugddienst Beekvliet',
    source: 'multi_year_plan',
    effect: 'Met de vrijetijdspas komen meer kinderen uit gezinnen met een beperkt inkomen.',
  },
  'Huiswerkklas in de bibliotheek': {
    partners: ['Bibliotheek Beekvliet', 'Vrijwilligers'],
    sectors: ['onderwijs_en_vorming'],
    targetGroup: 'Leerlingen van het lager onderwijs',
    reachChildren: 28,
    since: '2021-10-01',
    contactOrganisation: 'Bibliotheek Beekvliet',
    source: 'partner',
  },
  'Kledingwinkel De Kleerkast': {
    partners: ["Welzijnsschakel 't Trefpunt"],
    sectors: ['welzijnspartners', 'gezin'],
    targetGroup: 'Gezinnen met jonge kinderen',
    reachFamilies: 45,
    since: '2017',
    contactOrganisation: "Welzijnsschakel 't Trefpunt",
    source: 'partner',
  },
  'Sinterklaasactie voor gezinnen': {
    partners: ['Lions Club Beekvliet', "Welzijnsschakel 't Trefpunt"],
    sectors: ['welzijnspartners'],
    targetGroup: 'Gezinnen die het OCMW begeleidt',
    reachFamilies: 70,
    reachChildren: 130,
    since: '2020-11-01',
    contactOrganisation: 'Lions Club Beekvliet',
    source: 'partner',
    effect: 'Stopte na drie jaar; ouders vonden het ophalen van pakketten beschamend.',
  },
  'Energiescans bij huurders': {
    partners: ['Woonmaatschappij Beekdal', 'Energiehuis'],
    sectors: ['wonen_en_leven'],
    targetGroup: 'Sociale huurders',
    reachFamilies: 110,
    since: '2022-01-01',
    contactOrganisation: 'Energiehuis',
    source: 'multi_year_plan',
  },
  'Spelotheek op wielen': {
    partners: ['Huis van het Kind Beekvliet', 'Kind en Gezin'],
    sectors: ['gezin', 'onderwijs_en_vorming'],
    targetGroup: 'Gezinnen met kinderen tot 6 jaar',
    since: '2027-03-01',
    contactOrganisation: 'Huis van het Kind Beekvliet',
    source: 'multi_year_plan',
  },
};

const beekvlietNew: NewInitiative[] = [
  {
    name: 'Vrijetijdspas',
    description: 'Korting op sport, jeugdwerk en cultuur voor gezinnen met een beperkt inkomen.',
    state: 'active',
    domain: 'Onderwijs en vrije tijd',
    partners: ['Sportdienst', 'Cultuurcentrum Beekvliet', 'OCMW Beekvliet'],
    sectors: ['gemeentelijke_partners', 'onderwijs_en_vorming'],
    targetGroup: 'Kinderen en jongeren tot 18 jaar',
    reachFamilies: 95,
    reachChildren: 180,
    since: '2018-01-01',
    contactOrganisation: 'Sportdienst Beekvliet',
    source: 'multi_year_plan',
    effect: 'Goed gekend bij de scholen, minder bij nieuwkomers.',
  },
  {
    name: 'Consultatiebureau met tolk',
    description: 'Maandelijkse consultatie voor baby’s en peuters met een tolk ter plaatse.',
    state: 'active',
    domain: 'Inkomen en gezondheid',
    partners: ['Kind en Gezin', 'Tolkendienst'],
    sectors: ['gezondheid', 'gezin'],
    targetGroup: 'Anderstalige ouders van kinderen tot 3 jaar',
    reachFamilies: 30,
    since: '2024-02-01',
    contactOrganisation: 'Kind en Gezin, regio Beekvliet',
    source: 'social_map',
  },
];

const heidebosAnswers: Record<string, InventoryAnswers> = {
  'Speelotheek in de bibliotheek': {
    partners: ['Bibliotheek Heidebos'],
    sectors: ['gemeentelijke_partners', 'gezin'],
    targetGroup: 'Gezinnen met kinderen tot 12 jaar',
    reachFamilies: 25,
    since: '2020-09-01',
    contactOrganisation: 'Bibliotheek Heidebos',
    source: 'multi_year_plan',
  },
  'Zomerkamp van de jeugdraad': {
    partners: ['Jeugdraad Heidebos'],
    sectors: ['onderwijs_en_vorming'],
    targetGroup: 'Kinderen van 8 tot 14 jaar',
    reachChildren: 35,
    since: '2016-07-01',
    contactOrganisation: 'Jeugdraad Heidebos',
    source: 'partner',
  },
};

const heidebosNew: NewInitiative[] = [
  {
    name: 'Babytheek',
    description: 'Babyuitzet en kinderwagens ontlenen voor een kleine waarborg.',
    state: 'planned',
    domain: 'Kinderopvang en opvoeding',
    partners: ['Huis van het Kind Heidebos', 'Gezinsbond Heidebos'],
    sectors: ['gezin', 'welzijnspartners'],
    targetGroup: 'Aanstaande ouders en ouders van baby’s',
    contactOrganisation: 'Gezinsbond Heidebos',
    source: 'parents_association',
  },
];

async function fill(trx: Transaction<Database>, tenantId: string, answers: Record<string, InventoryAnswers>, added: NewInitiative[]): Promise<void> {
  const trajectory = await trx.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).orderBy('createdAt').executeTakeFirst();
  if (!trajectory) return;
  const domains = await trx.selectFrom('domain').select(['id', 'name']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectory.id).execute();
  const since = (text: string | undefined) => (text ? (text.length === 4 ? `${text}-01-01` : text) : null);
  const values = (a: InventoryAnswers) => ({
    partners: a.partners,
    partner: a.partners.join(', '),
    sectors: a.sectors,
    targetGroup: a.targetGroup,
    reachFamilies: a.reachFamilies ?? null,
    reachChildren: a.reachChildren ?? null,
    since: since(a.since),
    contactOrganisation: a.contactOrganisation,
    source: a.source,
    effect: a.effect ?? '',
  });
  for (const [name, a] of Object.entries(answers)) {
    await trx.updateTable('initiative').set(values(a)).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectory.id).where('name', '=', name).execute();
  }
  for (const i of added) {
    await trx
      .insertInto('initiative')
      .values({
        tenantId,
        trajectoryId: trajectory.id,
        name: i.name,
        description: i.description,
        state: i.state,
        domainId: domains.find((d) => d.name === i.domain)?.id ?? null,
        ...values(i),
      })
      .execute();
  }
}

export async function seedDemoInventory(trx: Transaction<Database>): Promise<void> {
  await fill(trx, demoTenants.beekvliet.id, beekvlietAnswers, beekvlietNew);
  await fill(trx, demoTenants.heidebos.id, heidebosAnswers, heidebosNew);
}
