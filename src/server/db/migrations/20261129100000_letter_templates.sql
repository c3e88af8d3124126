-- Decision letters: the organisation's letter texts in Finnish, Swedish and English, and a
-- version for every setting so that two administrators never silently overwrite each other.

ALTER TABLE app_setting ADD COLUMN version integer NOT NULL DEFAULT 1;
COMMENT ON COLUMN app_setting.version IS 'Counts the saves of the setting; a save names the version it was edited from and is refused over a newer one.';

-- The texts are data, edited by an administrator in Suoja (Settings: decision letter templates).
-- Placeholders in double braces are filled in for each decision; a paragraph whose placeholder
-- has no value for the decision (e.g. {{children}} when there are none) is left out.
INSERT INTO app_setting (key, value) VALUES ('letters.templates', $templates${
  "fi": {
    "letterhead": [
      "Ihmiskaupan uhrien auttamisjärjestelmä",
      "Joutsenon vastaanottokeskus",
      "PL 17, 54101 Joutseno",
      "Auttava puhelin ympäri vuorokauden: 0295 463 177",
      "www.ihmiskauppa.fi"
    ],
    "labels": {
      "document": "Päätös",
      "date": "Päivämäärä",
      "client": "Asiakas",
      "clientNumber": "Asiakasnumero",
      "birthDate": "Syntymäaika",
      "applicationNumber": "Hakemusnumero",
      "receivedOn": "Hakemus saapunut",
      "children": "Lapset",
      "grounds": "Perustelut",
      "expertGroup": "Asiantuntijaryhmän kuuleminen",
      "expertGroupHeard": "Auttamisjärjestelmän asiantuntijaryhmää on kuultu ennen päätöksen tekemistä.",
      "expertGroupNotHeard": "Auttamisjärjestelmän asiantuntijaryhmää ei ole kuultu tässä asiassa.",
      "decidedBy": "Päätöksen tekijä",
      "signedElectronically": "Päätös on hyväksytty sähköisesti, eikä siinä siksi ole käsin kirjoitettua allekirjoitusta.",
      "appeal": "Valitusosoitus"
    },
    "closing": [
      "Lisätietoja päätöksestä antaa auttamisjärjestelmän ohjaajasi. Asiaasi hoitava toimipiste: {{office}}.",
      "Auttamisjärjestelmään voi ottaa yhteyttä ympäri vuorokauden numerossa 0295 463 177. Saat tarvittaessa tulkin maksutta."
    ],
    "appeal": [
      "Tähän päätökseen saa hakea muutosta valittamalla Itä-Suomen hallinto-oikeuteen. Valituksen saa tehdä se, johon päätös on kohdistettu tai jonka oikeuteen, velvollisuuteen tai etuun päätös välittömästi vaikuttaa. Muutoksenhausta säädetään laissa oikeudenkäynnistä hallintoasioissa (808/2019).",
      "Valitus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista. Tiedoksisaantipäivää ei lueta valitusaikaan. Jos päätös on lähetetty kirjeellä, sen katsotaan tulleen tiedoksi seitsemäntenä päivänä kirjeen lähettämisestä, jollei muuta näytetä. Jos valitusajan viimeinen päivä on pyhäpäivä, itsenäisyyspäivä, vapunpäivä, joulu- tai juhannusaatto tai arkilauantai, valitusaika jatkuu seuraavaan arkipäivään.",
      "Valituksessa on ilmoitettava: päätös, johon haetaan muutosta; miltä osin päätökseen haetaan muutosta ja mitä muutoksia siihen vaaditaan tehtäväksi; vaatimusten perustelut; valittajan nimi ja yhteystiedot sekä postiosoite, johon oikeudenkäyntiä koskevat asiakirjat voidaan lähettää. Jos valittajan puhevaltaa käyttää laillinen edustaja tai asiamies, myös tämän yhteystiedot on ilmoitettava.",
      "Valitukseen on liitettävä tämä päätös, selvitys siitä, minä päivänä päätös on saatu tiedoksi, sekä asiakirjat, joihin valittaja vetoaa vaatimustensa tueksi.",
      "Valitus toimitetaan Itä-Suomen hallinto-oikeuden kirjaamoon: Minna Canthin katu 64, PL 1744, 70101 Kuopio, sähköposti ita-suomi.hao@oikeus.fi. Valituksen voi tehdä myös hallinto- ja erityistuomioistuinten asiointipalvelussa osoitteessa asiointi.oikeus.fi. Valituksen on oltava perillä viimeistään valitusajan viimeisenä päivänä ennen kirjaamon aukioloajan päättymistä.",
      "Hallinto-oikeus voi periä valittajalta oikeudenkäyntimaksun tuomioistuinmaksulain (1455/2015) mukaisesti. Voit hakea oikeusapua oikeusaputoimistosta, jos taloudellinen tilanteesi sitä edellyttää. Auttamisjärjestelmän ohjaajasi neuvoo valituksen tekemisessä."
    ],
    "kinds": {
      "admission": {
        "title": "Päätös ihmiskaupan uhrien auttamisjärjestelmään ottamisesta",
        "paragraphs": [
          "Asia: hakemus {{applicationNumber}} auttamisjärjestelmään ottamisesta, saapunut {{receivedOn}}.",
          "Päätös: {{clientName}} otetaan ihmiskaupan uhrien auttamisjärjestelmän asiakkaaksi {{decidedOn}} alkaen. Asiakasryhmä: {{category}}.",
          "Päätös koskee myös hakijan alaikäisiä lapsia, jotka otetaan auttamisjärjestelmän asiakkaiksi samasta päivästä alkaen: {{children}}.",
          "Auttamisjärjestelmän asiakkaana saat yksilölliseen palvelutarpeen arvioon perustuvia palveluja, esimerkiksi neuvontaa ja ohjausta, sosiaali- ja terveyspalveluja, turvallisen majoituksen, tulkkausta sekä oikeudellista neuvontaa. Palvelut järjestää kotikuntasi hyvinvointialue tai vastaanottokeskus sen mukaan, onko sinulla kotikunta Suomessa.",
          "Sovelletut säännökset: laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011) 33–38 §."
        ]
      },
      "rejection": {
        "title": "Kielteinen päätös ihmiskaupan uhrien auttamisjärjestelmään ottamisesta",
        "paragraphs": [
          "Asia: hakemus {{applicationNumber}} auttamisjärjestelmään ottamisesta, saapunut {{receivedOn}}.",
          "Päätös: Hakemus hylätään. {{clientName}} ei tule ihmiskaupan uhrien auttamisjärjestelmän asiakkaaksi.",
          "Päätöksen syy: {{reason}}.",
          "Kielteinen päätös ei estä sinua saamasta apua muualta. Voit kääntyä esimerkiksi hyvinvointialueesi sosiaali- ja terveyspalvelujen, poliisin tai ihmiskaupan uhreja auttavien järjestöjen puoleen. Voit tehdä uuden hakemuksen, jos tilanteesi muuttuu tai asiassa tulee esiin uutta tietoa.",
          "Sovelletut säännökset: laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011) 33–38 §."
        ]
      },
      "reflection_period": {
        "title": "Päätös harkinta-ajasta",
        "paragraphs": [
          "Päätös: {{clientName}} saa harkinta-ajan ajalle {{periodStart}}–{{periodEnd}}.",
          "Harkinta-aika on ihmiskaupan uhrille annettava aika toipua, irrottautua rikoksesta epäillyistä ja harkita, tekeekö hän yhteistyötä viranomaisten kanssa rikoksen selvittämiseksi. Harkinta-aikana oleskelusi Suomessa on laillista, eikä sinua poisteta maasta.",
          "Harkinta-aikana sinulla on oikeus auttamisjärjestelmän palveluihin. Harkinta-aika voidaan keskeyttää, jos todetaan, että olet vapaaehtoisesti palannut yhteyteen rikoksesta epäiltyjen kanssa, tai yleisen järjestyksen ja turvallisuuden vuoksi.",
          "Sovelletut säännökset: laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011) 33–38 § sekä ulkomaalaislaki (301/2004)."
        ]
      },
      "extension": {
        "title": "Päätös harkinta-ajan jatkamisesta",
        "paragraphs": [
          "Päätös: Asiakkaalle {{clientName}} myönnettyä harkinta-aikaa jatketaan. Jatkettu harkinta-aika on {{periodStart}}–{{periodEnd}}.",
          "Harkinta-aikana oleskelusi Suomessa on laillista, ja oikeutesi auttamisjärjestelmän palveluihin jatkuu ennallaan. Ohjaajasi kertoo, mitä harkinta-ajan päättyessä tapahtuu ja millaisia vaihtoehtoja sinulla silloin on.",
          "Sovelletut säännökset: laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011) 33–38 § sekä ulkomaalaislaki (301/2004)."
        ]
      },
      "termination": {
        "title": "Päätös auttamisjärjestelmästä poistamisesta",
        "paragraphs": [
          "Päätös: {{clientName}} poistetaan ihmiskaupan uhrien auttamisjärjestelmästä {{decidedOn}} alkaen.",
          "Päätöksen syy: {{reason}}.",
          "Päätös koskee myös alaikäisiä lapsia, joiden asiakkuus päättyy samasta päivästä alkaen: {{children}}.",
          "Auttamisjärjestelmän kautta järjestetyt palvelut päättyvät. Ohjaajasi auttaa sinua tarvittaessa siirtymään muiden palvelujen piiriin. Voit ottaa yhteyttä auttamisjärjestelmään uudelleen, jos tarvitset apua myöhemmin.",
          "Sovelletut säännökset: laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011) 33–38 §."
        ]
      }
    }
  },
  "sv": {
    "letterhead": [
      "Hjälpsystemet för offer för människohandel",
      "Mottagningscentralen i Joutseno",
      "PB 17, 54101 Joutseno",
      "Hjälptelefon dygnet runt: 0295 463 177",
      "www.ihmiskauppa.fi/sv"
    ],
    "labels": {
      "document": "Beslut",
      "date": "Datum",
      "client": "Klient",
      "clientNumber": "Klientnummer",
      "birthDate": "Födelsedatum",
      "applicationNumber": "Ansökningsnummer",
      "receivedOn": "Ansökan inkommen",
      "children": "Barn",
      "grounds": "Motivering",
      "expertGroup": "Hörande av expertgruppen",
      "expertGroupHeard": "Hjälpsystemets expertgrupp har hörts innan beslutet fattades.",
      "expertGroupNotHeard": "Hjälpsystemets expertgrupp har inte hörts i detta ärende.",
      "decidedBy": "Beslutsfattare",
      "signedElectronically": "Beslutet har godkänts elektroniskt och har därför ingen handskriven underskrift.",
      "appeal": "Besvärsanvisning"
    },
    "closing": [
      "Mer information om beslutet ger din handledare i hjälpsystemet. Verksamhetsställe som sköter ditt ärende: {{office}}.",
      "Du kan kontakta hjälpsystemet dygnet runt på numret 0295 463 177. Vid behov får du tolk utan kostnad."
    ],
    "appeal": [
      "Ändring i detta beslut får sökas genom besvär hos Östra Finlands förvaltningsdomstol. Besvär får anföras av den som beslutet avser eller vars rätt, skyldighet eller fördel direkt påverkas av beslutet. Om sökande av ändring föreskrivs i lagen om rättegång i förvaltningsärenden (808/2019).",
      "Besvär ska anföras inom 30 dagar från delfåendet av beslutet. Dagen för delfåendet räknas inte in i besvärstiden. Om beslutet har skickats per brev anses mottagaren ha fått del av det den sjunde dagen efter att brevet sändes, om inte något annat visas. Om besvärstidens sista dag är en helgdag, självständighetsdagen, första maj, julafton, midsommarafton eller en helgfri lördag, fortsätter besvärstiden till följande vardag.",
      "Av besvären ska framgå: det beslut som överklagas; till vilka delar ändring söks och vilka ändringar som yrkas; grunderna för yrkandena; ändringssökandens namn och kontaktuppgifter samt den postadress till vilken handlingar som gäller rättegången kan sändas. Om ändringssökandens talan förs av en laglig företrädare eller ett ombud ska också dennes kontaktuppgifter uppges.",
      "Till besvären ska fogas detta beslut, en utredning om vilken dag beslutet har delgetts samt de handlingar som ändringssökanden åberopar till stöd för sina yrkanden.",
      "Besvären lämnas till Östra Finlands förvaltningsdomstols registratorskontor: Minna Canthin katu 64, PB 1744, 70101 Kuopio, e-post ita-suomi.hao@oikeus.fi. Besvär kan också anföras i förvaltnings- och specialdomstolarnas e-tjänst på adressen asiointi.oikeus.fi. Besvären ska vara framme senast den sista dagen av besvärstiden innan registratorskontoret stänger.",
      "Förvaltningsdomstolen kan ta ut en rättegångsavgift av ändringssökanden enligt lagen om domstolsavgifter (1455/2015). Du kan ansöka om rättshjälp vid en rättshjälpsbyrå om din ekonomiska situation kräver det. Din handledare i hjälpsystemet hjälper dig att anföra besvär."
    ],
    "kinds": {
      "admission": {
        "title": "Beslut om antagning till hjälpsystemet för offer för människohandel",
        "paragraphs": [
          "Ärende: ansökan {{applicationNumber}} om antagning till hjälpsystemet, inkommen {{receivedOn}}.",
          "Beslut: {{clientName}} antas som klient i hjälpsystemet för offer för människohandel från och med {{decidedOn}}. Klientkategori: {{category}}.",
          "Beslutet gäller också sökandens minderåriga barn, som antas som klienter i hjälpsystemet från och med samma dag: {{children}}.",
          "Som klient i hjälpsystemet får du tjänster som grundar sig på en individuell bedömning av ditt servicebehov, till exempel rådgivning och handledning, social- och hälsovårdstjänster, trygg inkvartering, tolkning och juridisk rådgivning. Tjänsterna ordnas av välfärdsområdet i din hemkommun eller av en förläggning, beroende på om du har en hemkommun i Finland.",
          "Tillämpade bestämmelser: 33–38 § i lagen om mottagande av personer som söker internationellt skydd och om identifiering av och hjälp till offer för människohandel (746/2011)."
        ]
      },
      "rejection": {
        "title": "Avslag på ansökan om antagning till hjälpsystemet för offer för människohandel",
        "paragraphs": [
          "Ärende: ansökan {{applicationNumber}} om antagning till hjälpsystemet, inkommen {{receivedOn}}.",
          "Beslut: Ansökan avslås. {{clientName}} antas inte som klient i hjälpsystemet för offer för människohandel.",
          "Skäl till beslutet: {{reason}}.",
          "Ett avslag hindrar dig inte från att få hjälp på annat håll. Du kan vända dig till exempel till social- och hälsovårdstjänsterna i ditt välfärdsområde, till polisen eller till organisationer som hjälper offer för människohandel. Du kan göra en ny ansökan om din situation förändras eller om det kommer fram ny information i ärendet.",
          "Tillämpade bestämmelser: 33–38 § i lagen om mottagande av personer som söker internationellt skydd och om identifiering av och hjälp till offer för människohandel (746/2011)."
        ]
      },
      "reflection_period": {
        "title": "Beslut om betänketid",
        "paragraphs": [
          "Beslut: {{clientName}} beviljas betänketid för tiden {{periodStart}}–{{periodEnd}}.",
          "Betänketiden ger ett offer för människohandel tid att återhämta sig, att frigöra sig från dem som misstänks för brottet och att överväga om hon eller han vill samarbeta med myndigheterna för att utreda brottet. Under betänketiden är din vistelse i Finland laglig och du avlägsnas inte ur landet.",
          "Under betänketiden har du rätt till hjälpsystemets tjänster. Betänketiden kan avbrytas om det konstateras att du frivilligt har tagit ny kontakt med dem som misstänks för brottet, eller av hänsyn till allmän ordning och säkerhet.",
          "Tillämpade bestämmelser: 33–38 § i lagen om mottagande av personer som söker internationellt skydd och om identifiering av och hjälp till offer för människohandel (746/2011) samt utlänningslagen (301/2004)."
        ]
      },
      "extension": {
        "title": "Beslut om förlängning av betänketiden",
        "paragraphs": [
          "Beslut: Den betänketid som har beviljats {{clientName}} förlängs. Den förlängda betänketiden är {{periodStart}}–{{periodEnd}}.",
          "Under betänketiden är din vistelse i Finland laglig, och din rätt till hjälpsystemets tjänster fortsätter som tidigare. Din handledare berättar vad som händer när betänketiden löper ut och vilka alternativ du då har.",
          "Tillämpade bestämmelser: 33–38 § i lagen om mottagande av personer som söker internationellt skydd och om identifiering av och hjälp till offer för människohandel (746/2011) samt utlänningslagen (301/2004)."
        ]
      },
      "termination": {
        "title": "Beslut om avförande ur hjälpsystemet för offer för människohandel",
        "paragraphs": [
          "Beslut: {{clientName}} avförs ur hjälpsystemet för offer för människohandel från och med {{decidedOn}}.",
          "Skäl till beslutet: {{reason}}.",
          "Beslutet gäller också minderåriga barn, vars klientskap upphör från och med samma dag: {{children}}.",
          "Tjänsterna som har ordnats via hjälpsystemet upphör. Din handledare hjälper dig vid behov att gå över till andra tjänster. Du kan kontakta hjälpsystemet på nytt om du behöver hjälp senare.",
          "Tillämpade bestämmelser: 33–38 § i lagen om mottagande av personer som söker internationellt skydd och om identifiering av och hjälp till offer för människohandel (746/2011)."
        ]
      }
    }
  },
  "en": {
    "letterhead": [
      "Assistance System for Victims of Human Trafficking",
      "Joutseno Reception Centre",
      "P.O. Box 17, FI-54101 Joutseno, Finland",
      "24/7 helpline: +358 295 463 177",
      "www.ihmiskauppa.fi/en"
    ],
    "labels": {
      "document": "Decision",
      "date": "Date",
      "client": "Client",
      "clientNumber": "Client number",
      "birthDate": "Date of birth",
      "applicationNumber": "Application number",
      "receivedOn": "Application received",
      "children": "Children",
      "grounds": "Grounds",
      "expertGroup": "Consultation of the expert group",
      "expertGroupHeard": "The expert group of the assistance system was consulted before the decision was made.",
      "expertGroupNotHeard": "The expert group of the assistance system was not consulted in this matter.",
      "decidedBy": "Decided by",
      "signedElectronically": "This decision has been approved electronically and therefore has no handwritten signature.",
      "appeal": "Appeal instructions"
    },
    "closing": [
      "Your counsellor at the assistance system can tell you more about this decision. Office handling your case: {{office}}.",
      "You can contact the assistance system 24 hours a day on +358 295 463 177. An interpreter is available free of charge if you need one."
    ],
    "appeal": [
      "You may appeal against this decision to the Eastern Finland Administrative Court. An appeal may be lodged by the person to whom the decision is addressed or whose right, obligation or interest is directly affected by it. Appeals are governed by the Administrative Judicial Procedure Act (808/2019).",
      "The appeal must be lodged within 30 days of the date on which you were notified of the decision. The day of notification is not counted. If the decision was sent by post, you are considered to have been notified on the seventh day after the letter was sent, unless shown otherwise. If the last day of the appeal period falls on a public holiday, Independence Day, May Day, Christmas Eve, Midsummer Eve or a Saturday, the period continues to the next working day.",
      "The appeal must state: the decision appealed against; which part of the decision is appealed against and what changes are sought; the grounds for these demands; and the appellant's name and contact details, with a postal address to which documents concerning the proceedings can be sent. If the appellant is represented by a legal representative or an agent, their contact details must also be given.",
      "Attach to the appeal this decision, an account of the date on which you were notified of it, and any documents you rely on in support of your demands.",
      "Send the appeal to the registry of the Eastern Finland Administrative Court: Minna Canthin katu 64, P.O. Box 1744, FI-70101 Kuopio, Finland, e-mail ita-suomi.hao@oikeus.fi. You may also appeal through the e-service of the administrative and special courts at asiointi.oikeus.fi. The appeal must reach the court before the registry closes on the last day of the appeal period.",
      "The administrative court may charge the appellant a court fee under the Court Fees Act (1455/2015). If your financial situation requires it, you may apply for legal aid at a public legal aid office. Your counsellor at the assistance system can help you lodge an appeal."
    ],
    "kinds": {
      "admission": {
        "title": "Decision on admission to the assistance system for victims of human trafficking",
        "paragraphs": [
          "Matter: application {{applicationNumber}} for admission to the assistance system, received on {{receivedOn}}.",
          "Decision: {{clientName}} is admitted as a client of the assistance system for victims of human trafficking as of {{decidedOn}}. Client category: {{category}}.",
          "This decision also applies to the applicant's minor children, who are admitted as clients of the assistance system as of the same date: {{children}}.",
          "As a client of the assistance system you receive services based on an individual assessment of your needs, such as counselling and guidance, social and health services, safe accommodation, interpretation and legal advice. The services are arranged by the wellbeing services county of your municipality of residence or by a reception centre, depending on whether you have a municipality of residence in Finland.",
          "Provisions applied: sections 33–38 of the Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011)."
        ]
      },
      "rejection": {
        "title": "Decision not to admit to the assistance system for victims of human trafficking",
        "paragraphs": [
          "Matter: application {{applicationNumber}} for admission to the assistance system, received on {{receivedOn}}.",
          "Decision: The application is rejected. {{clientName}} is not admitted as a client of the assistance system for victims of human trafficking.",
          "Reason for the decision: {{reason}}.",
          "This decision does not prevent you from getting help elsewhere. You can turn, for example, to the social and health services of your wellbeing services county, to the police or to organisations that help victims of human trafficking. You can make a new application if your situation changes or new information comes to light.",
          "Provisions applied: sections 33–38 of the Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011)."
        ]
      },
      "reflection_period": {
        "title": "Decision on a reflection period",
        "paragraphs": [
          "Decision: {{clientName}} is granted a reflection period from {{periodStart}} to {{periodEnd}}.",
          "A reflection period gives a victim of human trafficking time to recover, to escape the influence of the suspected offenders and to consider whether to cooperate with the authorities in the investigation of the crime. During the reflection period your stay in Finland is lawful and you will not be removed from the country.",
          "During the reflection period you are entitled to the services of the assistance system. The reflection period may be interrupted if it is found that you have voluntarily renewed contact with the suspected offenders, or for reasons of public order and security.",
          "Provisions applied: sections 33–38 of the Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011), and the Aliens Act (301/2004)."
        ]
      },
      "extension": {
        "title": "Decision to extend the reflection period",
        "paragraphs": [
          "Decision: The reflection period granted to {{clientName}} is extended. The extended reflection period runs from {{periodStart}} to {{periodEnd}}.",
          "During the reflection period your stay in Finland is lawful, and your right to the services of the assistance system continues as before. Your counsellor will tell you what happens when the reflection period ends and what options you will then have.",
          "Provisions applied: sections 33–38 of the Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011), and the Aliens Act (301/2004)."
        ]
      },
      "termination": {
        "title": "Decision to end the assistance",
        "paragraphs": [
          "Decision: {{clientName}} is removed from the assistance system for victims of human trafficking as of {{decidedOn}}.",
          "Reason for the decision: {{reason}}.",
          "This decision also applies to the minor children whose clientship ends as of the same date: {{children}}.",
          "The services arranged through the assistance system end. If needed, your counsellor will help you move on to other services. You can contact the assistance system again if you need help later.",
          "Provisions applied: sections 33–38 of the Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011)."
        ]
      }
    }
  }
}$templates$::jsonb)
ON CONFLICT (key) DO NOTHING;
