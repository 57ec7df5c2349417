import type { Strings } from './en_US';

export const nl_NL: Strings = {
  app: { title: 'Identiteitscontrole', language: 'Taal', loading: 'Laden…', skip: 'Naar de inhoud' },
  welcome: { heading: 'Bevestig uw identiteit', body: 'Het duurt een paar minuten. U hebt een identiteitsbewijs en uw camera nodig.', start: 'Beginnen' },
  consent: {
    heading: 'Uw toestemming', body: 'Om te controleren dat u de persoon op het document bent, vergelijken we een foto of video van uw gezicht met de foto in uw document. Daarvoor worden biometrische gegevens van uw gezicht gebruikt, die alleen voor deze controle worden bewaard.',
    agree: 'Ik ga akkoord', continue: 'Doorgaan', required: 'Vink "Ik ga akkoord" aan om door te gaan.',
  },
  document: {
    heading: 'Uw identiteitsbewijs', country: 'Land', countryHint: 'Het land dat uw document heeft uitgegeven. Begin te typen om te zoeken.',
    countryUnknown: 'Kies een land uit de lijst.', type: 'Soort document', typeNone: 'Uit dit land wordt geen document geaccepteerd. Kies een ander land.',
    next: 'Doorgaan', front: 'Voorkant: {{doc}}', back: 'Achterkant: {{doc}}', frontHint: 'Plaats de pagina met uw foto in het kader, alle vier hoeken zichtbaar.',
    backHint: 'Draai uw document om en plaats de achterkant in het kader.',
    types: { passport: 'Paspoort', driving_licence: 'Rijbewijs', national_identity_card: 'Identiteitskaart', residence_permit: 'Verblijfsvergunning' },
  },
  camera: {
    take: 'Foto maken', upload: 'Bestand uploaden', retake: 'Opnieuw', use: 'Deze foto gebruiken', review: 'Controleer uw foto',
    reviewHint: 'Alle gegevens moeten scherp en leesbaar zijn, zonder schittering of onscherpte.', preview: 'Uw foto', view: 'Camerabeeld',
    starting: 'Camera wordt gestart…', unavailable: 'De camera is niet beschikbaar. U kunt in plaats daarvan een foto uploaden.',
    blocked: 'Toegang tot de camera is niet toegestaan. Sta de camera toe in de browserinstellingen of upload een foto.',
    badFile: 'Dit bestand is geen bruikbare foto. Kies een JPG- of PNG-foto.',
  },
  checks: {
    checking: 'Uw foto wordt gecontroleerd…', cut_off: 'Het document is niet helemaal te zien. Leg het binnen het kader, met alle vier de hoeken zichtbaar.',
    blur: 'De foto is onscherp. Houd uw telefoon stil en laat de camera scherpstellen.', glare: 'Er is een schittering op het document. Ga uit direct licht of kantel het document een beetje.',
    anyway: 'Als u geen betere foto kunt maken, kunt u deze gebruiken.', faceStarting: 'Uw gezicht wordt gezocht…',
    noFace: 'We zien uw gezicht niet. Kijk in de camera, met uw gezicht in het ovaal.', manyFaces: 'Alleen uw gezicht mag op de foto staan.',
    offCentre: 'Breng uw gezicht naar het midden van het ovaal.', tooFar: 'Kom dichterbij: uw gezicht moet het ovaal vullen.', faceReady: 'Uw gezicht is in positie.',
    faceUnavailable: 'Gezichtsherkenning is op dit apparaat niet beschikbaar. Maak de foto met uw gezicht in het ovaal.',
    lookAhead: 'Kijk recht in de camera.', turnLeft: 'Draai uw hoofd langzaam naar links.', turnRight: 'Draai uw hoofd nu langzaam naar rechts.',
    turnDone: 'Goed gedaan. U kunt de opname stoppen.', motionUnsupported: 'Dit apparaat kan de benodigde video niet opnemen. We vragen u daarom om een foto van uw gezicht.',
    motionContinue: 'Doorgaan met een foto',
  },
  selfie: { heading: 'Een foto van uw gezicht', hint: 'Kijk recht in de camera, met uw gezicht in het ovaal. Zet hoed en zonnebril af.' },
  video: {
    heading: 'Een video van uw gezicht', hint: 'Neem een korte video op: kijk in de camera en draai dan uw hoofd langzaam naar links en naar rechts.',
    motionHint: 'Draai uw hoofd langzaam naar links en dan naar rechts.', start: 'Opname starten', stop: 'Opname stoppen', recording: 'Opname… nog {{seconds}} s',
    use: 'Deze video gebruiken', retake: 'Opnieuw opnemen', unsupported: 'Deze browser kan geen video opnemen. Open de link op een telefoon of in een andere browser.',
  },
  profile: {
    heading: 'Uw gegevens', continue: 'Doorgaan', optional: '(optioneel)', required: 'Vul dit veld in.', invalid: 'Controleer dit veld.',
    fields: {
      first_name: 'Voornaam', last_name: 'Achternaam', dob: 'Geboortedatum', email: 'E-mail', phone_number: 'Telefoonnummer',
      country_of_residence: 'Woonland', ssn: 'Burgerservicenummer VS (SSN)', pan: 'PAN (Permanent Account Number)',
      building_number: 'Huisnummer', street: 'Straat', town: 'Plaats', state: 'Provincie of regio', postcode: 'Postcode', country: 'Land van het adres',
    },
    address: 'Adres', phoneHint: 'Met landcode, bijv. +31 20 123 4567.', panHint: 'Bijvoorbeeld ABCDE1234F.', ssnHint: 'Bijvoorbeeld 123-45-6789.',
  },
  poa: {
    heading: 'Adresbewijs', hint: 'Een foto of pdf van de laatste 3 maanden met uw naam en adres.', send: 'Document versturen', file: 'Document',
    types: {
      utility_bill: 'Energierekening', bank_building_society_statement: 'Bankafschrift', council_tax: 'Aanslag gemeentelijke belastingen',
      benefit_letters: 'Uitkeringsbrief', government_letter: 'Brief van de overheid', other: 'Ander document',
    },
  },
  retry: {
    attempt: 'Poging {{attempt}} van {{total}}', button: 'Opnieuw proberen',
    expired_document: { title: 'Uw document is verlopen', description: 'Het verstuurde document is verlopen. Gebruik een geldig document.', button: 'Ander document gebruiken' },
    unaccepted_document: { title: 'Dit document wordt niet geaccepteerd', description: 'Gebruik een ander soort document, of een document uit een ander land.', button: 'Ander document gebruiken' },
    generic_document_issue: { title: 'We konden uw document niet controleren', description: 'Maak een nieuwe foto: alle vier hoeken zichtbaar, scherp, zonder schittering.', button: 'Nieuwe foto maken' },
    generic_selfie_issue: { title: 'We konden uw foto niet controleren', description: 'Maak een nieuwe foto van uw gezicht, bij goed licht, terwijl u in de camera kijkt.', button: 'Nieuwe foto maken' },
    other: { title: 'Probeer het opnieuw', description: 'We konden wat u verstuurde niet gebruiken.' },
  },
  waiting: {
    checking: 'We controleren uw gegevens. Dit kan een minuut duren; laat deze pagina open.',
    sending: 'Versturen… laat deze pagina open.', offline: 'De verbinding is verbroken. Nieuwe poging over {{seconds}} s…', tryNow: 'Nu proberen',
  },
  done: { heading: 'Bedankt', body: 'U bent klaar. U kunt deze pagina nu sluiten.', already: 'Deze controle is al afgerond. U kunt deze pagina sluiten.' },
  errors: {
    expired: 'Deze link is verlopen. Vraag een nieuwe link aan.', incomplete: 'Deze link is onvolledig. Open de volledige link die u kreeg opnieuw.',
    notFound: 'Deze controle is niet gevonden. Controleer de link die u kreeg.', tooLarge: 'Dit bestand is te groot. Kies een kleiner bestand of maak een foto.',
    invalid: 'We konden wat u verstuurde niet gebruiken. Controleer het en probeer het opnieuw.', generic: 'Er ging iets mis. Probeer het opnieuw.',
    network: 'De verbinding is mislukt. Controleer uw internetverbinding en probeer het opnieuw.',
  },
};
