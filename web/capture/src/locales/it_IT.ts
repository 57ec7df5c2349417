import type { Strings } from './en_US';

export const it_IT: Strings = {
  app: { title: 'Verifica dell’identità', language: 'Lingua', loading: 'Caricamento…', skip: 'Vai al contenuto' },
  welcome: { heading: 'Verifica la tua identità', body: 'Servono pochi minuti. Ti serviranno un documento d’identità e la fotocamera.', start: 'Inizia' },
  consent: {
    heading: 'Il tuo consenso', body: 'Per verificare che tu sia la persona del documento, confrontiamo una foto o un video del tuo volto con la foto del documento. Vengono usati dati biometrici del tuo volto, conservati solo per questa verifica.',
    agree: 'Accetto', continue: 'Continua', required: 'Seleziona «Accetto» per continuare.',
  },
  document: {
    heading: 'Il tuo documento d’identità', country: 'Paese', countryHint: 'Il paese che ha rilasciato il documento. Inizia a scrivere per cercare.',
    countryUnknown: 'Scegli un paese dall’elenco.', type: 'Tipo di documento', typeNone: 'Nessun documento di questo paese è accettato. Scegli un altro paese.',
    next: 'Continua', front: 'Fronte: {{doc}}', back: 'Retro: {{doc}}', frontHint: 'Inquadra la pagina con la tua foto nella cornice, con i quattro angoli visibili.',
    backHint: 'Gira il documento e inquadra il retro nella cornice.',
    types: { passport: 'Passaporto', driving_licence: 'Patente di guida', national_identity_card: 'Carta d’identità', residence_permit: 'Permesso di soggiorno' },
  },
  camera: {
    take: 'Scatta la foto', upload: 'Carica un file', retake: 'Riprova', use: 'Usa questa foto', review: 'Controlla la foto',
    reviewHint: 'Tutti i dati devono essere nitidi e leggibili, senza riflessi né sfocature.', preview: 'La tua foto', view: 'Immagine della fotocamera',
    starting: 'Avvio della fotocamera…', unavailable: 'La fotocamera non è disponibile. Puoi caricare una foto.',
    blocked: 'L’accesso alla fotocamera non è stato consentito. Consentilo nelle impostazioni del browser o carica una foto.',
    badFile: 'Questo file non è una foto utilizzabile. Scegli una foto JPG o PNG.',
  },
  checks: {
    checking: 'Controllo della foto…', cut_off: 'Il documento non è visibile per intero. Mettilo dentro la cornice con i quattro angoli visibili.',
    blur: 'La foto è sfocata. Tieni fermo il telefono e lascia che la fotocamera metta a fuoco.', glare: 'C’è un riflesso sul documento. Allontanati dalla luce diretta o inclina un po’ il documento.',
    anyway: 'Se non riesci a scattare una foto migliore, puoi usare questa.', faceStarting: 'Ricerca del volto…',
    noFace: 'Non vediamo il tuo volto. Guarda la fotocamera, con il volto nell’ovale.', manyFaces: 'Nella foto deve esserci solo il tuo volto.',
    offCentre: 'Porta il volto al centro dell’ovale.', tooFar: 'Avvicinati: il volto deve riempire l’ovale.', faceReady: 'Il volto è in posizione.',
    faceUnavailable: 'Il rilevamento del volto non è disponibile su questo dispositivo. Scatta la foto con il volto nell’ovale.',
    lookAhead: 'Guarda dritto nella fotocamera.', turnLeft: 'Gira lentamente la testa a sinistra.', turnRight: 'Ora gira lentamente la testa a destra.',
    turnDone: 'Ottimo. Puoi interrompere la registrazione.', motionUnsupported: 'Questo dispositivo non può registrare il video necessario, quindi ti chiederemo una foto del volto.',
    motionContinue: 'Continua con una foto',
  },
  selfie: { heading: 'Una foto del tuo volto', hint: 'Guarda la fotocamera, con il volto nell’ovale. Togli cappelli e occhiali da sole.' },
  video: {
    heading: 'Un video del tuo volto', hint: 'Registra un breve video: guarda la fotocamera, poi gira lentamente la testa a sinistra e a destra.',
    motionHint: 'Gira lentamente la testa a sinistra, poi a destra.', start: 'Avvia registrazione', stop: 'Interrompi registrazione', recording: 'Registrazione… {{seconds}} s rimanenti',
    use: 'Usa questo video', retake: 'Registra di nuovo', unsupported: 'Questo browser non può registrare video. Apri il link su un telefono o in un altro browser.',
  },
  profile: {
    heading: 'I tuoi dati', continue: 'Continua', optional: '(facoltativo)', required: 'Compila questo campo.', invalid: 'Controlla questo campo.',
    fields: {
      first_name: 'Nome', last_name: 'Cognome', dob: 'Data di nascita', email: 'Email', phone_number: 'Numero di telefono',
      country_of_residence: 'Paese di residenza', ssn: 'Numero di previdenza sociale (SSN)', pan: 'PAN (Permanent Account Number)',
      building_number: 'Numero civico', street: 'Via', town: 'Città', state: 'Provincia o regione', postcode: 'CAP', country: 'Paese dell’indirizzo',
    },
    address: 'Indirizzo', phoneHint: 'Con il prefisso internazionale, es. +39 06 1234 5678.', panHint: 'Ad esempio ABCDE1234F.', ssnHint: 'Ad esempio 123-45-6789.',
  },
  poa: {
    heading: 'Prova di residenza', hint: 'Una foto o un PDF degli ultimi 3 mesi con il tuo nome e indirizzo.', send: 'Invia documento', file: 'Documento',
    types: {
      utility_bill: 'Bolletta', bank_building_society_statement: 'Estratto conto', council_tax: 'Avviso di tassa locale',
      benefit_letters: 'Lettera di prestazioni', government_letter: 'Lettera della pubblica amministrazione', other: 'Altro documento',
    },
  },
  retry: {
    attempt: 'Tentativo {{attempt}} di {{total}}', button: 'Riprova',
    expired_document: { title: 'Il tuo documento è scaduto', description: 'Il documento inviato è scaduto. Usa un documento valido.', button: 'Usa un altro documento' },
    unaccepted_document: { title: 'Questo documento non è accettato', description: 'Usa un altro tipo di documento o un documento di un altro paese.', button: 'Usa un altro documento' },
    generic_document_issue: { title: 'Non siamo riusciti a verificare il documento', description: 'Scatta una nuova foto: quattro angoli visibili, a fuoco, senza riflessi.', button: 'Scatta una nuova foto' },
    generic_selfie_issue: { title: 'Non siamo riusciti a verificare la foto', description: 'Scatta una nuova foto del volto, con buona luce, guardando la fotocamera.', button: 'Scatta una nuova foto' },
    other: { title: 'Riprova', description: 'Non siamo riusciti a usare ciò che hai inviato.' },
  },
  waiting: {
    checking: 'Stiamo verificando i tuoi dati. Può servire un minuto; tieni aperta questa pagina.',
    sending: 'Invio in corso… tieni aperta questa pagina.', offline: 'Connessione persa. Nuovo tentativo tra {{seconds}} s…', tryNow: 'Riprova ora',
  },
  done: { heading: 'Grazie', body: 'Hai finito. Ora puoi chiudere questa pagina.', already: 'Questa verifica è già completata. Puoi chiudere questa pagina.' },
  errors: {
    expired: 'Questo link è scaduto. Chiedi un nuovo link.', incomplete: 'Questo link è incompleto. Apri di nuovo il link completo ricevuto.',
    notFound: 'Verifica non trovata. Controlla il link ricevuto.', tooLarge: 'Questo file è troppo grande. Scegli un file più piccolo o scatta una foto.',
    invalid: 'Non siamo riusciti a usare ciò che hai inviato. Controlla e riprova.', generic: 'Qualcosa è andato storto. Riprova.',
    network: 'Connessione non riuscita. Controlla la connessione a Internet e riprova.',
  },
};
