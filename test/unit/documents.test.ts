import { readPdf } from '../support/pdf-reader';
import { deflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { DocumentModel } from '../../src/documents/document-model';
import { renderDocx } from '../../src/documents/docx-renderer';
import { calendarDate, meetingWhen, minutesDocument, type MinutesDocumentInput } from '../../src/documents/minutes-document';
import { renderPdf } from '../../src/documents/pdf-renderer';

const parsePdf = (pdf: Buffer) => readPdf(pdf);

/** A real PNG (a 4×2 image), so both formats have to embed an image they can decode. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8;
  header[9] = 2;
  // Two rows of four RGB pixels, each row led by filter byte 0.
  const rows = Buffer.from([0, 22, 54, 92, 0, 120, 180, 200, 90, 0, 255, 255, 255, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const FOOTER = 'Vertrouwelijk – enkel voor het college van burgemeester en schepenen';
const rows = Array.from({ length: 40 }, (_, i) => [`Actie ${i + 1}: schoolkosten verlagen`, i % 2 ? 'lopend' : 'afgerond', `€ ${(i + 1) * 10},00`, `Zoë Ülker ${i + 1}`]);

const model: DocumentModel = {
  locale: 'nl-BE',
  title: 'Voortgangsrapport – Gemeente Eéndracht',
  subtitle: 'Periode januari – maart 2027',
  author: 'Gemeente Eéndracht',
  facts: [
    ['Periode', '1 januari 2027 – 31 maart 2027'],
    ['Budget', '€ 12.500'],
  ],
  sections: [
    {
      heading: 'Samenvatting en beslissingen',
      paragraphs: ['De coördinator vat samen: het ‘zomeraanbod’ bereikte meer gezinnen met een beperkt inkomen. Ook ouders met ervaring dachten mee over de aanpak.'],
      bullets: ['Het college keurt € 2.000 extra goed.', 'De werkgroep onderwijs overlegt met de scholen – ook in het buitengewoon onderwijs.'],
    },
    {
      heading: 'Acties per domein',
      table: { columns: ['Actie', 'Status', 'Budget', 'Trekker'], rows },
      figures: [{ png: tinyPng(), width: 400, height: 200, alt: 'Staafdiagram: bereikte gezinnen per kwartaal', caption: 'Figuur 1: bereikte gezinnen' }],
      sections: [{ heading: 'Onderwijs en schoolkosten', paragraphs: ['Eén school schafte de betalende uitstappen af; ë en ï blijven leesbaar.'] }],
    },
  ],
  footer: FOOTER,
};

const headings = ['Samenvatting en beslissingen', 'Acties per domein', 'Onderwijs en schoolkosten'];

describe('renderDocx', () => {
  let docx: Buffer;
  let files: Record<string, Uint8Array>;
  const xml = (name: string) => strFromU8(files[name] ?? new Uint8Array());

  beforeAll(async () => {
    docx = await renderDocx(model);
    files = unzipSync(docx);
  });

  it('reads back with headings as h1/h2, real list items and a table with a header row', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    expect(html).toContain('<h1>Samenvatting en beslissingen</h1>');
    expect(html).toContain('<h1>Acties per domein</h1>');
    expect(html).toContain('<h2>Onderwijs en schoolkosten</h2>');
    expect(html).toMatch(/<ul><li>Het college keurt € 2\.000 extra goed\.<\/li><li>De werkgroep onderwijs overlegt/);
    expect(html).not.toContain('•');
    const table = html.slice(html.indexOf('<table>', html.indexOf('Acties per domein')));
    expect((table.slice(0, table.indexOf('</table>')).match(/<tr>/g) ?? []).length).toBe(41);
    expect(table).toMatch(/^<table><thead><tr><th><p><strong>Actie<\/strong><\/p><\/th><th><p><strong>Status<\/strong><\/p><\/th>/);
    expect(html).toMatch(/<img alt="Staafdiagram: bereikte gezinnen per kwartaal" src="data:image\/png;base64,/);

    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain('Voortgangsrapport – Gemeente Eéndracht');
    expect(text).toContain('Zoë Ülker 40');
    expect(text).toContain('€ 400,00');
    expect(text).toContain('ë en ï blijven leesbaar');
  });

  it('marks the header row to repeat, numbers the bullets and puts the footer and page numbers in the page footer', () => {
    const body = xml('word/document.xml');
    expect(body).toContain('<w:tblHeader/>');
    expect((body.match(/<w:numPr>/g) ?? []).length).toBe(2);
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(body).toContain('w:val="Title"');
    expect(body).toContain('w:val="Heading1"');
    const footerName = Object.keys(files).find((name) => /^word\/footer\d*\.xml$/.test(name));
    expect(footerName).toBeDefined();
    const footer = xml(footerName ?? '');
    expect(footer).toContain(FOOTER);
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(xml('word/numbering.xml')).toContain('w:val="bullet"');
  });

  it('sets the title, author and language in the document properties and the proofing language in the styles', () => {
    const core = xml('docProps/core.xml');
    expect(core).toContain('<dc:title>Voortgangsrapport – Gemeente Eéndracht</dc:title>');
    expect(core).toContain('<dc:creator>Gemeente Eéndracht</dc:creator>');
    expect(core).toContain('<dc:language>nl-BE</dc:language>');
    expect(xml('word/styles.xml')).toMatch(/<w:lang w:val="nl-BE"/);
  });
});

describe('renderPdf', () => {
  let pdf: Buffer;
  let pages: string[];
  let meta: Record<string, unknown>;

  beforeAll(async () => {
    pdf = await renderPdf(model);
    ({ pages, meta } = await parsePdf(pdf));
  });

  it('breaks the 40-row table across pages, repeating its header, with the footer and "p. X / Y" on every page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain(FOOTER);
      expect(page).toContain(`p. ${i + 1} / ${pages.length}`);
    });
    const first = pages.findIndex((page) => page.includes('Actie 1: schoolkosten verlagen'));
    const last = pages.findIndex((page) => page.includes('Actie 40: schoolkosten verlagen'));
    expect(last).toBeGreaterThan(first);
    for (const page of pages.slice(first + 1, last + 1)) expect(page.split('\n').slice(0, 4)).toEqual(['Actie', 'Status', 'Budget', 'Trekker']);
  });

  it('holds every heading and row, with the diacritics and punctuation intact', () => {
    const all = pages.join('\n');
    for (const heading of [model.title, ...headings]) expect(all).toContain(heading);
    for (let i = 1; i <= 40; i += 1) expect(all).toContain(`Actie ${i}: schoolkosten verlagen`);
    expect(all).toContain('Zoë Ülker 40');
    expect(all).toContain('‘zomeraanbod’');
    expect(all).toContain('€ 12.500');
    expect(all).toContain('ë en ï blijven leesbaar');
  });

  it('is a tagged A4 PDF with title, language and an embedded font', () => {
    expect(meta.Title).toBe(model.title);
    expect(meta.Author).toBe('Gemeente Eéndracht');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (nl-BE)');
    expect(raw).toMatch(/\/MarkInfo/);
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toMatch(/\/S \/TH/);
    expect(raw).toMatch(/\/Alt \(Staafdiagram/);
  });

  it('renders names outside Latin-1 and drops control characters that would break either format', async () => {
    const odd: DocumentModel = {
      locale: 'en',
      title: 'Ayşe Yılmaz, Łukasz, Ioana Țăran\u0007',
      sections: [
        { heading: 'Notes\u0000', paragraphs: ['line one\r\nline two\u000b'] },
        { heading: 'Empty tables', table: { columns: ['Only a header'], rows: [] }, sections: [{ heading: 'No columns', table: { columns: [], rows: [] } }] },
      ],
    };
    const { pages: oddPages, meta: oddMeta } = await parsePdf(await renderPdf(odd));
    expect(oddPages.join('\n')).toContain('Ayşe Yılmaz, Łukasz, Ioana Țăran');
    expect(oddMeta.Title).toBe('Ayşe Yılmaz, Łukasz, Ioana Țăran');
    expect(oddPages.join('\n')).toContain('Only a header');
    const { value } = await mammoth.convertToHtml({ buffer: await renderDocx(odd) });
    expect(value).toContain('Ayşe Yılmaz, Łukasz, Ioana Țăran</p>');
    expect(value).toContain('<h1>Notes</h1>');
    expect(value).toContain('<p>line one<br />line two</p>');
    expect(value).toContain('<th><p><strong>Only a header</strong></p></th>');
    expect(value).toContain('<h2>No columns</h2>');
  });
});

const minutes: MinutesDocumentInput = {
  municipalityName: 'Gemeente Eéndracht',
  bodyName: 'Stuurgroep kinderarmoede',
  title: 'Stuurgroep voorjaar',
  startsAt: '2027-03-09T18:00:00Z',
  endsAt: '2027-03-09T20:00:00Z',
  location: 'Gemeentehuis, zaal 2',
  online: true,
  chairName: 'Hélène Dubois',
  approvedAt: '2027-03-16T23:30:00Z',
  attendees: [
    { name: 'Zoë Peeters', attendance: 'present' },
    { name: 'Ayşe Yılmaz', attendance: 'present' },
    { name: 'Joël Maes', attendance: 'excused' },
    { name: 'Bram Claes', attendance: 'absent' },
    { name: 'Ilse Wouters', attendance: 'unknown' },
  ],
  items: [
    { position: 2, title: 'Vergoeding voor ouders met ervaring', kind: 'decision', presenterName: 'Joël Maes', notes: 'Voorstel: € 25 per vergadering.', decisions: '- De vergoeding wordt € 25.\nKinderopvang is gratis.', newActions: [{ title: 'Reglement aanpassen', ownerName: 'Ilse Wouters', dueDate: '2027-04-01' }] },
    { position: 1, title: 'Voortgang werkgroepen', kind: 'information', notes: '', decisions: '', newActions: [{ title: 'Cijfers bundelen', ownerName: 'Bram Claes' }] },
  ],
  generalNotes: 'Volgende keer in juni.',
};

describe('minutesDocument', () => {
  it('writes meeting times in Brussels time, the Belgian way, on both sides of the DST changes', () => {
    expect(meetingWhen('2027-03-09T18:00:00Z', '2027-03-09T20:00:00Z', 'nl-BE')).toBe('dinsdag 9 maart 2027, 19:00–21:00');
    expect(meetingWhen('2027-06-15T17:00:00Z', '2027-06-15T19:00:00Z', 'nl-BE')).toBe('dinsdag 15 juni 2027, 19:00–21:00');
    // 28 March 2027 02:00 CET becomes 03:00 CEST; 31 October 2027 03:00 CEST becomes 02:00 CET.
    expect(meetingWhen('2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z', 'nl-BE')).toBe('zondag 28 maart 2027, 01:30–03:30');
    expect(meetingWhen('2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z', 'en')).toBe('Sunday, 31 October 2027, 02:30–02:30');
    expect(meetingWhen('2027-11-02T18:30:00Z', '2027-11-02T20:00:00Z', 'en')).toBe('Tuesday, 2 November 2027, 19:30–21:00');
    expect(meetingWhen('2027-06-15T20:00:00Z', '2027-06-15T22:30:00Z', 'nl-BE')).toBe('dinsdag 15 juni 2027, 22:00 – woensdag 16 juni 2027, 00:30');
    expect(calendarDate('2027-04-01', 'nl-BE')).toBe('1 april 2027');
    expect(calendarDate('2027-03-16T23:30:00Z', 'en')).toBe('17 March 2027');
    expect(() => meetingWhen('not a date', '2027-01-01T00:00:00Z', 'nl-BE')).toThrow(/startsAt/);
  });

  it('builds Dutch minutes: facts, attendance by group, items in order, decisions as bullets, new actions, approval footer', () => {
    const doc = minutesDocument(minutes, 'nl-BE');
    expect(doc.locale).toBe('nl-BE');
    expect(doc.title).toBe('Verslag: Stuurgroep voorjaar');
    expect(doc.subtitle).toBe('Stuurgroep kinderarmoede');
    expect(doc.author).toBe('Gemeente Eéndracht');
    expect(doc.facts).toEqual([
      ['Datum', 'dinsdag 9 maart 2027, 19:00–21:00'],
      ['Plaats', 'Gemeentehuis, zaal 2 en online (Microsoft Teams)'],
      ['Voorzitter', 'Hélène Dubois'],
      ['Status', 'Goedgekeurd op 17 maart 2027'],
    ]);
    expect(doc.footer).toBe('Verslag goedgekeurd door Hélène Dubois op 17 maart 2027');
    const [attendance, agenda, actions, notes] = doc.sections;
    expect(attendance?.bullets).toEqual(['Aanwezig (2): Ayşe Yılmaz, Zoë Peeters', 'Verontschuldigd (1): Joël Maes', 'Afwezig (1): Bram Claes', 'Niet geregistreerd (1): Ilse Wouters']);
    expect(agenda?.sections?.map((s) => s.heading)).toEqual(['1. Voortgang werkgroepen', '2. Vergoeding voor ouders met ervaring']);
    expect(agenda?.sections?.[0]?.paragraphs).toEqual(['Ter informatie.', 'Geen notities bij dit punt.', '1 nieuwe actie, zie ‘Nieuwe acties’.']);
    expect(agenda?.sections?.[1]?.paragraphs?.[0]).toBe('Ter beslissing, toegelicht door Joël Maes.');
    expect(agenda?.sections?.[1]?.bullets).toEqual(['De vergoeding wordt € 25.', 'Kinderopvang is gratis.']);
    expect(actions?.heading).toBe('Nieuwe acties');
    expect(actions?.table?.rows).toEqual([
      ['1', 'Cijfers bundelen', 'Bram Claes', 'Geen datum'],
      ['2', 'Reglement aanpassen', 'Ilse Wouters', '1 april 2027'],
    ]);
    expect(notes).toEqual({ heading: 'Algemene opmerkingen', paragraphs: ['Volgende keer in juni.'] });
  });

  it('builds English minutes for a draft, with no Dutch label left', () => {
    const doc = minutesDocument({ ...minutes, approvedAt: null, online: false, location: '', chairName: null }, 'en');
    expect(doc.title).toBe('Minutes: Stuurgroep voorjaar');
    expect(doc.facts).toEqual([
      ['Date', 'Tuesday, 9 March 2027, 19:00–21:00'],
      ['Place', 'Not given'],
      ['Chair', 'Not appointed'],
      ['Status', 'Draft, not yet approved'],
    ]);
    expect(doc.footer).toBe('Draft — not yet approved');
    expect(doc.sections.map((s) => s.heading)).toEqual(['Attendance', 'Agenda and minutes', 'New actions', 'General notes']);
    const json = JSON.stringify(doc);
    for (const dutch of ['Aanwezig', 'Verslag', 'Besluiten', 'Geen datum', 'Ter beslissing']) expect(json).not.toContain(dutch);
    expect(minutesDocument(minutes, 'nl-BE').footer).not.toBe(doc.footer);
    expect(minutesDocument({ ...minutes, approvedAt: undefined }, 'nl-BE').footer).toBe('Ontwerp — nog niet goedgekeurd');
  });

  it('takes nothing from an attendee but the display name and attendance', () => {
    const withContact = { ...minutes, attendees: [{ name: 'Zoë Peeters', attendance: 'present' as const, email: 'zoe@example.org', phone: '+32 470 12 34 56', income: 'laag' }] };
    const json = JSON.stringify(minutesDocument(withContact, 'nl-BE'));
    expect(json).toContain('Zoë Peeters');
    for (const secret of ['zoe@example.org', '+32 470', 'laag']) expect(json).not.toContain(secret);
  });

  it('renders to both formats with the headings as the navigation pane and a screen reader see them', async () => {
    const doc = minutesDocument(minutes, 'nl-BE');
    const { value: html } = await mammoth.convertToHtml({ buffer: await renderDocx(doc) });
    expect(html).toContain('<h1>Agenda en verslag</h1>');
    expect(html).toContain('<h2>2. Vergoeding voor ouders met ervaring</h2>');
    expect(html).toContain('<li>Kinderopvang is gratis.</li>');
    const { pages } = await parsePdf(await renderPdf(doc));
    expect(pages.join('\n')).toContain('Verslag goedgekeurd door Hélène Dubois op 17 maart 2027');
    expect(pages.join('\n')).toContain('2. Vergoeding voor ouders met ervaring');
  });
});
