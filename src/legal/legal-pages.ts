import type { FastifyInstance } from 'fastify';

/*
 * The privacy statement and terms the Teams manifest links to. Each municipality is the
 * controller of its own data; the texts say what Kansrijk stores and who sees it.
 */
const style = 'body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#242424}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem}';

function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${style}</style></head><body><main>${body}</main></body></html>`;
}

const privacyNl = `
<h1>Privacyverklaring Kansrijk</h1>
<p>Kansrijk ondersteunt gemeenten en OCMW's bij hun lokaal beleid tegen kinderarmoede. Elke gemeente is
verwerkingsverantwoordelijke voor de gegevens die zij in Kansrijk bijhoudt.</p>
<h2>Welke gegevens</h2>
<p>Namen, rol en organisatie van wie meewerkt aan het traject; het actieplan met acties, eigenaars, timing,
indicatoren en metingen; vergaderingen; een logboek van elke wijziging (wie, wat, wanneer).
Van ouders die deelnemen bewaren we enkel wat nodig is om hen te bereiken: een naam (eventueel een voornaam),
een contactvoorkeur en een telefoonnummer of e-mailadres, en wie hun vertrouwenspersoon is.</p>
<h2>Wie ziet wat</h2>
<p>Alleen leden van het traject zien het actieplan. De contactgegevens van ouders zijn enkel zichtbaar voor de
lokale coördinator en hun vertrouwenspersoon. Gegevens van verschillende gemeenten zijn strikt gescheiden.</p>
<h2>Bewaring en rechten</h2>
<p>Gegevens blijven bewaard zolang het traject loopt (de beleids- en beheerscyclus) en worden daarna door de
gemeente verwijderd. Wie wil weten welke gegevens over hem of haar bewaard worden, of ze wil laten verbeteren
of wissen, richt zich tot de lokale coördinator of de functionaris voor gegevensbescherming van de gemeente.</p>`;

const privacyEn = `
<h1>Kansrijk privacy statement</h1>
<p>Kansrijk supports municipalities in their local policy against child poverty. Each municipality is the
controller of the data it keeps in Kansrijk.</p>
<h2>What we store</h2>
<p>Names, roles and organisations of the people taking part; the action plan with actions, owners, timing,
indicators and measurements; meetings; a log of every change. Of participating parents we keep only what is
needed to reach them: a (first) name, a contact preference, a phone number or e-mail address, and their
trusted person.</p>
<h2>Who sees what</h2>
<p>Only members of a trajectory see its plan. Parents' contact details are visible only to the local
coordinator and their trusted person. Municipalities' data is strictly separated.</p>
<h2>Retention and rights</h2>
<p>Data is kept while the trajectory runs and removed by the municipality afterwards. For access, correction or
erasure, contact the local coordinator or the municipality's data protection officer.</p>`;

const termsNl = `
<h1>Gebruiksvoorwaarden Kansrijk</h1>
<p>Kansrijk is bedoeld voor medewerkers en partners van een gemeente die samen werken aan een lokaal beleid
tegen kinderarmoede. Gebruik het voor dat doel, ga zorgvuldig om met gegevens van gezinnen en deel
contactgegevens van ouders niet verder dan nodig. De gemeente beslist wie toegang krijgt.</p>`;

const termsEn = `
<h1>Kansrijk terms of use</h1>
<p>Kansrijk is meant for the staff and partners of a municipality working together on a local policy against
child poverty. Use it for that purpose, handle families' data with care and do not pass on parents' contact
details beyond what is needed. The municipality decides who gets access.</p>`;

export function registerLegalPages(app: FastifyInstance): void {
  const send = (nl: string, en: string, titleNl: string, titleEn: string) => async (request: { query: unknown }, reply: { type: (t: string) => unknown }) => {
    const english = (request.query as { lang?: string }).lang === 'en';
    reply.type('text/html; charset=utf-8');
    return english ? page('en', titleEn, en) : page('nl-BE', titleNl, nl);
  };
  app.get('/privacy', send(privacyNl, privacyEn, 'Privacyverklaring Kansrijk', 'Kansrijk privacy statement'));
  app.get('/terms', send(termsNl, termsEn, 'Gebruiksvoorwaarden Kansrijk', 'Kansrijk terms of use'));
}
