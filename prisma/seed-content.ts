// Demo and starter content for `npm run db:seed` (seed-database.server.ts and the seed-*.server.ts beside it write it).
// Everything about the forum of 6 May 2021 comes from the project's facts sheet,
// restated in our own words; nothing else is invented beyond placeholders that
// say they are placeholders. Demo rows are marked isDemo and say "Demoinnehåll".
// Times are Stockholm wall-clock times ("YYYY-MM-DDTHH:mm").

export const DEMO_NOTICE = "Demoinnehåll";

// ---------------------------------------------------------------------------
// Tags and discussion categories (starter data, not demo: the site needs them)
// ---------------------------------------------------------------------------

export const AREA_TAGS = [
  { slug: "bi", name: "BI och beslutsstöd" },
  { slug: "iot", name: "IoT" },
  { slug: "ai", name: "AI och prediktiv analys" },
  { slug: "rpa", name: "RPA" },
  { slug: "oppen-data", name: "Öppen data" },
  { slug: "dataplattform", name: "Dataplattform" },
  { slug: "datadriven-styrning", name: "Datadriven styrning" },
] as const;

export type AreaTagSlug = (typeof AREA_TAGS)[number]["slug"];

export const DISCUSSION_CATEGORIES = [
  {
    slug: "bi-beslutsstod",
    name: "BI & beslutsstöd",
    description: "Rapporter, nyckeltal och beslutsstöd: verktyg, datamodeller och hur verksamheten använder dem.",
  },
  {
    slug: "iot-sensorer",
    name: "IoT & sensorer",
    description: "Uppkopplade sensorer och mätdata, till exempel inom vatten och avlopp, fastigheter eller trafik.",
  },
  {
    slug: "ai-prediktiv-analys",
    name: "AI & prediktiv analys",
    description: "Prognoser, maskininlärning och AI-piloter: vad fungerar, och hur går man från test till drift?",
  },
  {
    slug: "datastrategi-agarskap",
    name: "Datastrategi & ägarskap",
    description: "Vem äger analysen? Strategi, långsiktig plan, styrning och samordning mellan förvaltningar.",
  },
  {
    slug: "kompetens-organisation",
    name: "Kompetens & organisation",
    description: "Kompetens i verksamheten, roller, utbildning och förändringsarbetet mot en datadriven kommun.",
  },
  {
    slug: "oppen-data",
    name: "Öppen data",
    description: "Att publicera och använda öppna data: format, licenser och erfarenheter.",
  },
  {
    slug: "ovrigt",
    name: "Övrigt",
    description: "Frågor om analys som inte passar i någon annan kategori.",
  },
] as const;

// ---------------------------------------------------------------------------
// Demo accounts: for local use only
// ---------------------------------------------------------------------------

export type DemoUser = {
  email: string;
  password: string;
  role: "member" | "moderator" | "organizer" | "admin";
  name: string;
  title: string;
  municipalityCode: string | null;
  listedPublicly: boolean;
};

export const ORGANIZER_EMAIL = "arrangor@kommunforum.local";

export const DEMO_USERS: DemoUser[] = [
  {
    email: ORGANIZER_EMAIL,
    password: "Demo-Arrangor-2026",
    role: "organizer",
    name: "Forumansvarig (demo)",
    title: "Concept Manager Analytics och AI",
    municipalityCode: null,
    listedPublicly: false,
  },
  {
    email: "admin@kommunforum.local",
    password: "Demo-Admin-2026",
    role: "admin",
    name: "Administratör (demo)",
    title: "Webbplatsadministratör (demo)",
    municipalityCode: null,
    listedPublicly: false,
  },
  {
    email: "anna.demo@borlange.example",
    password: "Demo-Medlem-2026",
    role: "member",
    name: "Anna (demo)",
    title: "BI-analytiker (demo)",
    municipalityCode: "2081",
    listedPublicly: true,
  },
  {
    email: "erik.demo@kristianstad.example",
    password: "Demo-Medlem-2026",
    role: "member",
    name: "Erik (demo)",
    title: "VA-ingenjör (demo)",
    municipalityCode: "1290",
    listedPublicly: true,
  },
];

/**
 * The demo municipalities' email domains (docs/decisions/012-verified-affiliation.md):
 * the demo members' addresses are on them, so the seed verifies those members.
 */
export const DEMO_AFFILIATION_DOMAINS = [
  { domain: "borlange.example", municipalityCode: "2081" },
  { domain: "kristianstad.example", municipalityCode: "1290" },
] as const;

// ---------------------------------------------------------------------------
// Forums
// ---------------------------------------------------------------------------

export type DemoSpeaker = {
  key: string; // links agenda items to speakers inside this file
  name: string;
  title: string;
  organisationName: string;
  municipalityCode: string | null;
  bio: string;
};

export type DemoAgendaItem = { offsetMinutes: number; title: string; speakerKey?: string };

export const PAST_FORUM = {
  slug: "kommunforum-analytics-2021-05-06",
  title: "Kommunforum Analytics 6 maj 2021",
  startsAt: "2021-05-06T13:00",
  endsAt: "2021-05-06T14:30",
  format: "webinar",
  location: "På webben",
  // The facts name BI (Borlänge) and IoT (Smart VA in Kristianstad) as the two cases.
  tagSlugs: ["bi", "iot"] satisfies AreaTagSlug[],
  summary: "Borlänge berättade om sitt beslutsstöd och Kristianstad om Smart VA. Deltagarna röstade om samordning, potential och utmaningar.",
  descriptionMd: `*${DEMO_NOTICE}: en beskrivning av ett tidigare forum, skriven för att visa webbplatsen.*

Kommunforum Analytics är ett återkommande forum på webben där kommuner berättar för varandra hur de arbetar med analys: beslutsstöd (BI), IoT och AI.

Den 6 maj 2021 delade två kommuner med sig av sina erfarenheter:

- **Borlänge kommun** berättade om vad som har fungerat och vad som har varit svårt när kommunen infört och utvecklat sitt beslutsstöd.
- **Kristianstads kommun** berättade om Smart VA, ett arbete för bättre data och analys inom vatten och avlopp med hjälp av IoT.

Exemplen ser olika ut, men målet är detsamma: att skapa värde ur data. Under forumet svarade deltagarna också på fyra frågor om hur långt deras egna organisationer har kommit.

Tiderna i programmet är ungefärliga.`,
  speakers: [
    {
      key: "borlange",
      name: "Representant för Borlänge kommun (demo)",
      title: "",
      organisationName: "Borlänge kommun",
      municipalityCode: "2081",
      bio: `${DEMO_NOTICE}: talarens namn och titel är inte ifyllda.`,
    },
    {
      key: "kristianstad",
      name: "Representant för Kristianstads kommun (demo)",
      title: "",
      organisationName: "Kristianstads kommun",
      municipalityCode: "1290",
      bio: `${DEMO_NOTICE}: talarens namn och titel är inte ifyllda.`,
    },
  ] satisfies DemoSpeaker[],
  agenda: [
    { offsetMinutes: 0, title: "Välkommen och inledning av forumansvarig" },
    {
      offsetMinutes: 10,
      title: "Borlänge kommun: framgångar och utmaningar med att införa och utveckla beslutsstöd (BI)",
      speakerKey: "borlange",
    },
    {
      offsetMinutes: 40,
      title: "Kristianstads kommun: Smart VA – bättre data och analys inom vatten och avlopp med IoT",
      speakerKey: "kristianstad",
    },
    { offsetMinutes: 70, title: "Omröstningar och gemensam diskussion" },
  ] satisfies DemoAgendaItem[],
};

/** The four questions asked on 6 May 2021, with the results as they were reported. */
export type ImportedPoll = {
  code: string;
  question: string;
  resultNote: string;
  options: Array<{ label: string; percent: number; isDontKnow?: boolean }>;
};

export const PAST_FORUM_POLLS: ImportedPoll[] = [
  {
    code: "K21A",
    question: "Har din kommun en person eller funktion som säkerställer samordningen av analys (BI, IoT och AI)?",
    resultNote: "",
    // The remaining 12 % were not reported; the results page shows them as "ej redovisat".
    options: [
      { label: "Ja", percent: 10 },
      { label: "Nej", percent: 63 },
      { label: "Vet ej", percent: 15, isDontKnow: true },
    ],
  },
  {
    code: "K21B",
    question: "Var finns den största potentialen för analys?",
    resultNote: "Deltagarna pekade ut alla delar av den kommunala verksamheten. Inga andelar redovisades.",
    options: [],
  },
  {
    code: "K21C",
    question: "Var finns de största utmaningarna på er datadrivna resa?",
    resultNote:
      "Flest svarade bristande kompetens i verksamheten, ungefär samma resultat som vid förra forumet. Minst utmanande ansågs samverkan verksamhet – it vara. Inga andelar redovisades.",
    options: [],
  },
  {
    code: "K21D",
    question: "När tror du att din organisation börjar använda prediktiva förmågor i större skala?",
    resultNote: "Svaren spreds så brett som det går, över hela skalan. Inga andelar redovisades.",
    options: [],
  },
];

/**
 * A demo poll for the upcoming forum, left as a draft so an organizer can try
 * opening it, voting and publishing. It repeats K21A, so once published its
 * results page shows the answers over time.
 */
export const DEMO_POLL = {
  code: "DATA7",
  repeatOfCode: "K21A",
  question: "Har din kommun en person eller funktion som säkerställer samordningen av analys (BI, IoT och AI)?",
  options: ["Ja", "Nej"],
  dontKnow: true,
};

/** The next forum; its date is set when the seed first runs (see seed-forums.server.ts). */
export const UPCOMING_FORUM = {
  slug: "kommunforum-analytics-nasta",
  titlePrefix: "Kommunforum Analytics",
  durationMinutes: 90,
  startTime: "13:00",
  deadlineDaysBefore: 2,
  deadlineTime: "23:59",
  format: "webinar",
  location: "På webben",
  capacity: 100,
  summary: `${DEMO_NOTICE}: nästa forum, där kommuner delar erfarenheter av BI, IoT och AI. Talare presenteras senare.`,
  descriptionMd: `*${DEMO_NOTICE}: ett påhittat kommande forum som visar hur anmälan fungerar. Datum, program och talare är inte bestämda på riktigt.*

Välkommen till nästa Kommunforum Analytics! Här berättar kommuner för varandra hur de använder analys – beslutsstöd (BI), IoT och AI – och vad de har lärt sig på vägen.

Forumet är ungefär en och en halv timme långt och hålls på webben. Talare presenteras senare. Under forumet röstar vi om några frågor och pratar om resultatet tillsammans.

Du som är anmäld får länken till webbinariet.`,
  agenda: [
    { offsetMinutes: 0, title: "Välkommen och inledning" },
    { offsetMinutes: 10, title: "Kommunerna berättar – talare presenteras senare" },
    { offsetMinutes: 60, title: "Omröstningar och gemensam diskussion" },
    { offsetMinutes: 85, title: "Avslutning" },
  ] satisfies DemoAgendaItem[],
};

// ---------------------------------------------------------------------------
// Knowledge library
// ---------------------------------------------------------------------------

/** Only the sections the source gives facts for: a case page shows no empty sections (the template's others are left out). */
const caseBody = (intro: string, sections: Partial<Record<"Bakgrund" | "Utmaning" | "Lösning" | "Resultat" | "Lärdomar" | "Nästa steg", string>>) =>
  [intro, ...Object.entries(sections).map(([heading, text]) => `## ${heading}\n\n${text}`)].join("\n\n");

const CASE_INTRO = `*${DEMO_NOTICE}: ett utkast som bara bygger på det som berättades vid forumet. Fler avsnitt kommer när kommunen har skrivit dem.*`;

export type DemoCase = {
  slug: string;
  title: string;
  municipalityCode: string;
  domain: string;
  summary: string;
  bodyMd: string;
  technologies: string;
  contactName: string;
  contactTitle: string;
  contactEmail: string;
  tagSlugs: AreaTagSlug[];
  editorEmail: string | null;
};

export const DEMO_CASES: DemoCase[] = [
  {
    slug: "borlange-bi-beslutsstod",
    title: "Borlänge: att införa och utveckla beslutsstöd (BI)",
    municipalityCode: "2081",
    // The facts name no single department: decision support for the organisation as a whole.
    domain: "Hela organisationen",
    summary: `${DEMO_NOTICE}: Borlänge kommun berättade vid Kommunforum Analytics 6 maj 2021 om framgångar och utmaningar med sitt beslutsstöd.`,
    bodyMd: caseBody(CASE_INTRO, {
      Bakgrund:
        "Borlänge kommun i Dalarnas län har infört ett beslutsstöd (BI) och fortsätter att utveckla det. Vid Kommunforum Analytics den 6 maj 2021 berättade kommunen om arbetet, både om det som har gått bra och om det som har varit svårt.",
    }),
    technologies: "BI (beslutsstöd)",
    contactName: "Kontaktperson (demo)",
    contactTitle: "Titel (demo)",
    contactEmail: "case-kontakt@borlange.example",
    tagSlugs: ["bi", "datadriven-styrning"],
    editorEmail: "anna.demo@borlange.example",
  },
  {
    slug: "kristianstad-smart-va",
    title: "Kristianstad: Smart VA – bättre data och analys inom vatten och avlopp",
    municipalityCode: "1290",
    domain: "VA (vatten och avlopp)",
    summary: `${DEMO_NOTICE}: Kristianstads kommun använder IoT i initiativet Smart VA för att få bättre data och analys inom vatten och avlopp.`,
    bodyMd: caseBody(CASE_INTRO, {
      Bakgrund:
        "Kristianstads kommun i Skåne län vill få bättre data och bättre analys inom vatten och avlopp (VA). Kommunen berättade om arbetet vid Kommunforum Analytics den 6 maj 2021.",
      Lösning: "Arbetet heter **Smart VA** och bygger på IoT.",
    }),
    technologies: "IoT",
    contactName: "Kontaktperson (demo)",
    contactTitle: "Titel (demo)",
    contactEmail: "case-kontakt@kristianstad.example",
    tagSlugs: ["iot", "dataplattform"],
    editorEmail: "erik.demo@kristianstad.example",
  },
];

export const DEMO_ARTICLE = {
  slug: "sammanfattning-kommunforum-2021-05-06",
  title: "Sammanfattning av Kommunforum Analytics 6 maj 2021",
  // The facts date the original write-up of the forum to 12 May 2021.
  publishedAt: "2021-05-12T12:00",
  authorEmail: ORGANIZER_EMAIL,
  tagSlugs: ["ai", "datadriven-styrning"] satisfies AreaTagSlug[],
  summary:
    "Borlänge och Kristianstad delade sina erfarenheter, deltagarna röstade om samordning, potential och utmaningar, och forumansvarig förklarar varför analysen behöver en ägare och en långsiktig plan.",
  bodyMd: `*${DEMO_NOTICE}: en sammanfattning skriven för att visa webbplatsen, byggd på det som redovisades efter forumet.*

Den 6 maj 2021 samlades kommuner på webben till Kommunforum Analytics. Två kommuner berättade om sitt arbete med analys, och deltagarna svarade på fyra frågor under forumets gång.

## Två kommuner, samma mål

**Borlänge kommun** berättade om sitt beslutsstöd (BI): vad som har gått bra och vad som har varit svårt när det infördes och utvecklades.

**Kristianstads kommun** berättade om **Smart VA**, där kommunen använder IoT för att få bättre data och analys inom vatten och avlopp.

Exemplen ser olika ut, men båda handlar i grunden om samma sak: att skapa värde ur data.

## Vad deltagarna svarade

**Har din kommun en person eller funktion som säkerställer samordningen av analys (BI, IoT och AI)?**
63 procent svarade nej, 10 procent ja och 15 procent vet ej. Resterande 12 procent redovisades inte.

**Var finns den största potentialen för analys?**
Deltagarna nämnde alla delar av den kommunala verksamheten.

**Var finns de största utmaningarna på er datadrivna resa?**
Flest pekade på bristande kompetens i verksamheten, ungefär som vid förra forumet. Minst utmanande ansågs samverkan mellan verksamhet och it vara.

**När tror du att din organisation börjar använda prediktiva förmågor i större skala?**
Svaren spreds så brett som det går, från ena ytterligheten till den andra.

## Vem äger målet att bli datadriven?

Nästan alla organisationer vill bli datadrivna, men få kan svara på vem som äger det målet. I många kommuner pågår flera analysinitiativ parallellt i olika förvaltningar. Ibland finns en särskild digitaliseringsenhet som ansvarar för IoT, AI, öppna data eller RPA.

En sådan enhet kan röra sig snabbare. Men när den driver AI-piloter vid sidan av det befintliga BI-arbetet, som ofta sköts av ekonomi och it, blir analysen splittrad och svår att förvalta. Båda behöver ju samma insamling, lagring och struktur av data.

## Två sätt att komma vidare

1. **Utse en ägare av analysen** som företräder hela organisationen, inte en enskild förvaltning.
2. **Håll en grov, långsiktig plan för analys** och uppdatera den löpande. Planen täcker både den tekniska utvecklingen och det arbete som gör organisationen bättre på att fatta beslut utifrån data.

Att bli datadriven är en teknisk resa, men ännu mer en förändringsresa. Till sist ska analysen vara ett verktyg för alla.

## Prediktiv analys driver utvecklingen

Den viktigaste drivkraften framåt är prediktiv analys. Beslut som bygger på prognoser låter kommunen agera i förväg i stället för i efterhand, till exempel när skattepengar ska prioriteras, när kompetens riskerar att försvinna eller när kraven på samhällsplaneringen förändras.

## Missade du forumet?

Den som inte kunde vara med kan få en inspelning av forumet. Vill du ha en inbjudan till nästa forum? Hör av dig till forumansvarig.`,
};

// ---------------------------------------------------------------------------
// Discussions (demo threads; fixed ids so tests and the a11y scan can link to them)
// ---------------------------------------------------------------------------

export type DemoPost = { id: string; authorEmail: string; bodyMd: string; daysAgo: number; comments?: DemoPost[] };
export type DemoThread = {
  id: string;
  slug: string;
  categorySlug: string;
  title: string;
  tagSlugs: string[];
  question: DemoPost;
  answers: DemoPost[];
  acceptedAnswerId?: string;
};

export const DEMO_THREADS: DemoThread[] = [
  {
    id: "demo-trad-prognos-hemtjanst",
    slug: "hur-kom-ni-igang-med-prognoser-for-hemtjanstens-behov",
    categorySlug: "ai-prediktiv-analys",
    title: "Hur kom ni igång med prognoser för hemtjänstens behov?",
    tagSlugs: ["ai", "bi"],
    question: {
      id: "demo-inlagg-prognos-fraga",
      authorEmail: "anna.demo@borlange.example",
      daysAgo: 12,
      bodyMd:
        "Vi vill kunna se några månader framåt hur många hemtjänsttimmar som behövs per område, så att bemanningen kan planeras i tid.\n\nJust nu gör vi det i ett kalkylark med förra årets siffror. Har någon kommun gått vidare till en riktig prognosmodell? Jag är mest nyfiken på:\n\n- vilka data ni började med,\n- hur ni fick verksamheten att lita på siffrorna,\n- om ni byggde själva eller köpte in något.",
    },
    answers: [
      {
        id: "demo-inlagg-prognos-svar-1",
        authorEmail: "erik.demo@kristianstad.example",
        daysAgo: 10,
        bodyMd:
          "Vi började litet: beviljade timmar per månad fem år bakåt, plus befolkningsprognosen för 80+ per område. En enkel säsongsmodell slog kalkylarket redan första kvartalet.\n\nDet som fick enhetscheferna med oss var att vi visade prognosen bredvid utfallet varje månad, även när den slog fel. Efter ett halvår frågade de själva efter den.",
        comments: [
          {
            id: "demo-inlagg-prognos-kommentar-1",
            authorEmail: "anna.demo@borlange.example",
            daysAgo: 9,
            bodyMd: "Tack! Visade ni felmarginalen också, eller bara en linje?",
          },
          {
            id: "demo-inlagg-prognos-kommentar-2",
            authorEmail: "erik.demo@kristianstad.example",
            daysAgo: 9,
            bodyMd: "Ett band med ett rimligt spann. Det gjorde det lättare att prata om osäkerheten.",
          },
        ],
      },
      {
        id: "demo-inlagg-prognos-svar-2",
        authorEmail: "arrangor@kommunforum.local",
        daysAgo: 8,
        bodyMd:
          "Ett tips från forumet i våras: bestäm tidigt vem i verksamheten som äger prognosen. Modellen är sällan det svåra, det är att någon ansvarar för att den används och följs upp.",
      },
    ],
    acceptedAnswerId: "demo-inlagg-prognos-svar-1",
  },
  {
    id: "demo-trad-nivagivare-avlopp",
    slug: "vilka-nivagivare-i-avloppsnatet-har-hallit-i-langden",
    categorySlug: "iot-sensorer",
    title: "Vilka nivågivare i avloppsnätet har hållit i längden?",
    tagSlugs: ["iot"],
    question: {
      id: "demo-inlagg-nivagivare-fraga",
      authorEmail: "erik.demo@kristianstad.example",
      daysAgo: 6,
      bodyMd:
        "Vi har ett trettiotal uppkopplade nivågivare i brunnar och pumpstationer. Några har fått problem med fukt och batterier redan efter två vintrar.\n\nHur har det gått för er andra? Vilken typ av givare och vilket nät (LoRaWAN, NB-IoT eller annat) använder ni, och hur ofta skickar de data?",
    },
    answers: [
      {
        id: "demo-inlagg-nivagivare-svar-1",
        authorEmail: "anna.demo@borlange.example",
        daysAgo: 5,
        bodyMd:
          "Vi kör LoRaWAN och skickar var femtonde minut, men oftare när nivån stiger snabbt. Det förlängde batteritiden mycket. Fukten löste vi med bättre kapslingar och att montera givaren högre upp i brunnen.",
      },
    ],
  },
  {
    id: "demo-trad-agarskap-dataplattform",
    slug: "vem-ager-dataplattformen-hos-er",
    categorySlug: "datastrategi-agarskap",
    title: "Vem äger dataplattformen hos er: IT eller verksamheten?",
    tagSlugs: ["dataplattform", "datadriven-styrning"],
    question: {
      id: "demo-inlagg-agarskap-fraga",
      authorEmail: "anna.demo@borlange.example",
      daysAgo: 2,
      bodyMd:
        "Hos oss ligger plattformen på IT-avdelningen, men behoven och prioriteringarna kommer från förvaltningarna. Det blir ofta oklart vem som bestämmer vad som ska byggas först. Hur har ni löst ansvarsfördelningen?",
    },
    answers: [],
  },
];
