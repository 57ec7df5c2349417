import type { Strings } from './en_US';

export const de_DE: Strings = {
  app: { title: 'Identitätsprüfung', language: 'Sprache', loading: 'Wird geladen…', skip: 'Zum Inhalt springen' },
  welcome: { heading: 'Bestätigen Sie Ihre Identität', body: 'Das dauert wenige Minuten. Sie brauchen ein Ausweisdokument und Ihre Kamera.', start: 'Starten' },
  consent: {
    heading: 'Ihre Einwilligung', body: 'Um zu prüfen, dass Sie die Person im Dokument sind, vergleichen wir ein Foto oder Video Ihres Gesichts mit dem Foto in Ihrem Dokument. Dafür werden biometrische Daten Ihres Gesichts verwendet, die nur für diese Prüfung gespeichert werden.',
    agree: 'Ich stimme zu', continue: 'Weiter', required: 'Bitte setzen Sie das Häkchen bei „Ich stimme zu“, um fortzufahren.',
  },
  document: {
    heading: 'Ihr Ausweisdokument', country: 'Land', countryHint: 'Das Land, das Ihr Dokument ausgestellt hat. Tippen Sie, um zu suchen.',
    countryUnknown: 'Bitte wählen Sie ein Land aus der Liste.', type: 'Dokumentart', typeNone: 'Aus diesem Land wird kein Dokument akzeptiert. Bitte wählen Sie ein anderes Land.',
    next: 'Weiter', front: 'Vorderseite: {{doc}}', back: 'Rückseite: {{doc}}', frontHint: 'Legen Sie die Seite mit Ihrem Foto in den Rahmen, alle vier Ecken sichtbar.',
    backHint: 'Drehen Sie das Dokument um und legen Sie die Rückseite in den Rahmen.',
    types: { passport: 'Reisepass', driving_licence: 'Führerschein', national_identity_card: 'Personalausweis', residence_permit: 'Aufenthaltstitel' },
  },
  camera: {
    take: 'Foto aufnehmen', upload: 'Datei hochladen', retake: 'Neu aufnehmen', use: 'Dieses Foto verwenden', review: 'Prüfen Sie Ihr Foto',
    reviewHint: 'Alle Angaben müssen klar und lesbar sein, ohne Spiegelung oder Unschärfe.', preview: 'Ihr Foto', view: 'Kamerabild',
    starting: 'Kamera wird gestartet…', unavailable: 'Die Kamera ist nicht verfügbar. Sie können stattdessen ein Foto hochladen.',
    blocked: 'Der Kamerazugriff wurde nicht erlaubt. Erlauben Sie die Kamera in den Browser-Einstellungen oder laden Sie ein Foto hoch.',
    badFile: 'Diese Datei ist kein verwendbares Foto. Bitte wählen Sie ein JPG- oder PNG-Foto.',
  },
  checks: {
    checking: 'Ihr Foto wird geprüft…', cut_off: 'Das Dokument ist nicht vollständig zu sehen. Legen Sie es in den Rahmen, alle vier Ecken sichtbar.',
    blur: 'Das Foto ist unscharf. Halten Sie Ihr Telefon ruhig und lassen Sie die Kamera scharf stellen.', glare: 'Auf dem Dokument ist eine Spiegelung. Gehen Sie aus direktem Licht oder kippen Sie das Dokument etwas.',
    anyway: 'Wenn Sie kein besseres Foto aufnehmen können, können Sie dieses verwenden.', faceStarting: 'Ihr Gesicht wird gesucht…',
    noFace: 'Ihr Gesicht ist nicht zu sehen. Schauen Sie in die Kamera, Ihr Gesicht im Oval.', manyFaces: 'Nur Ihr Gesicht darf auf dem Foto sein.',
    offCentre: 'Bringen Sie Ihr Gesicht in die Mitte des Ovals.', tooFar: 'Kommen Sie näher: Ihr Gesicht sollte das Oval ausfüllen.', faceReady: 'Ihr Gesicht ist in Position.',
    faceUnavailable: 'Die Gesichtserkennung ist auf diesem Gerät nicht verfügbar. Nehmen Sie das Foto mit Ihrem Gesicht im Oval auf.',
    lookAhead: 'Schauen Sie direkt in die Kamera.', turnLeft: 'Drehen Sie den Kopf langsam nach links.', turnRight: 'Drehen Sie den Kopf jetzt langsam nach rechts.',
    turnDone: 'Gut gemacht. Sie können die Aufnahme beenden.', motionUnsupported: 'Dieses Gerät kann das benötigte Video nicht aufnehmen. Wir bitten Sie stattdessen um ein Foto Ihres Gesichts.',
    motionContinue: 'Mit einem Foto fortfahren',
  },
  selfie: { heading: 'Ein Foto Ihres Gesichts', hint: 'Schauen Sie direkt in die Kamera, Ihr Gesicht im Oval. Nehmen Sie Hut und Sonnenbrille ab.' },
  video: {
    heading: 'Ein Video Ihres Gesichts', hint: 'Nehmen Sie ein kurzes Video auf: Schauen Sie in die Kamera und drehen Sie dann den Kopf langsam nach links und rechts.',
    motionHint: 'Drehen Sie den Kopf langsam nach links, dann nach rechts.', start: 'Aufnahme starten', stop: 'Aufnahme beenden', recording: 'Aufnahme… noch {{seconds}} s',
    use: 'Dieses Video verwenden', retake: 'Neu aufnehmen', unsupported: 'Dieser Browser kann kein Video aufnehmen. Bitte öffnen Sie den Link auf einem Smartphone oder in einem anderen Browser.',
  },
  profile: {
    heading: 'Ihre Angaben', continue: 'Weiter', optional: '(optional)', required: 'Bitte füllen Sie dieses Feld aus.', invalid: 'Bitte prüfen Sie dieses Feld.',
    fields: {
      first_name: 'Vorname', last_name: 'Nachname', dob: 'Geburtsdatum', email: 'E-Mail', phone_number: 'Telefonnummer',
      country_of_residence: 'Wohnsitzland', ssn: 'Sozialversicherungsnummer (SSN)', pan: 'PAN (Permanent Account Number)',
      building_number: 'Hausnummer', street: 'Straße', town: 'Ort', state: 'Bundesland oder Region', postcode: 'Postleitzahl', country: 'Land der Adresse',
    },
    address: 'Adresse', phoneHint: 'Mit Ländervorwahl, z. B. +49 30 123456.', panHint: 'Zum Beispiel ABCDE1234F.', ssnHint: 'Zum Beispiel 123-45-6789.',
  },
  poa: {
    heading: 'Adressnachweis', hint: 'Ein Foto oder PDF, höchstens 3 Monate alt, mit Ihrem Namen und Ihrer Adresse.', send: 'Dokument senden', file: 'Dokument',
    types: {
      utility_bill: 'Versorgerrechnung', bank_building_society_statement: 'Kontoauszug', council_tax: 'Grundsteuerbescheid',
      benefit_letters: 'Leistungsbescheid', government_letter: 'Behördenschreiben', other: 'Anderes Dokument',
    },
  },
  retry: {
    attempt: 'Versuch {{attempt}} von {{total}}', button: 'Erneut versuchen',
    expired_document: { title: 'Ihr Dokument ist abgelaufen', description: 'Das gesendete Dokument ist abgelaufen. Bitte verwenden Sie ein gültiges Dokument.', button: 'Anderes Dokument verwenden' },
    unaccepted_document: { title: 'Dieses Dokument wird nicht akzeptiert', description: 'Bitte verwenden Sie eine andere Dokumentart oder ein Dokument aus einem anderen Land.', button: 'Anderes Dokument verwenden' },
    generic_document_issue: { title: 'Wir konnten Ihr Dokument nicht prüfen', description: 'Bitte nehmen Sie ein neues Foto auf: alle vier Ecken sichtbar, scharf, ohne Spiegelung.', button: 'Neues Foto aufnehmen' },
    generic_selfie_issue: { title: 'Wir konnten Ihr Foto nicht prüfen', description: 'Bitte nehmen Sie ein neues Foto Ihres Gesichts bei gutem Licht auf und schauen Sie in die Kamera.', button: 'Neues Foto aufnehmen' },
    other: { title: 'Bitte versuchen Sie es erneut', description: 'Wir konnten Ihre Sendung nicht verwenden.' },
  },
  waiting: {
    checking: 'Wir prüfen Ihre Angaben. Das kann eine Minute dauern; bitte lassen Sie diese Seite geöffnet.',
    sending: 'Wird gesendet… bitte lassen Sie diese Seite geöffnet.', offline: 'Die Verbindung wurde unterbrochen. Neuer Versuch in {{seconds}} s…', tryNow: 'Jetzt versuchen',
  },
  done: { heading: 'Vielen Dank', body: 'Sie sind fertig. Sie können diese Seite jetzt schließen.', already: 'Diese Prüfung ist bereits abgeschlossen. Sie können diese Seite schließen.' },
  errors: {
    expired: 'Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen Link an.', incomplete: 'Dieser Link ist unvollständig. Bitte öffnen Sie den vollständigen Link erneut.',
    notFound: 'Diese Prüfung wurde nicht gefunden. Bitte prüfen Sie den erhaltenen Link.', tooLarge: 'Diese Datei ist zu groß. Bitte wählen Sie eine kleinere Datei oder nehmen Sie ein Foto auf.',
    invalid: 'Wir konnten Ihre Sendung nicht verwenden. Bitte prüfen Sie sie und versuchen Sie es erneut.', generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    network: 'Die Verbindung ist fehlgeschlagen. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  },
};
