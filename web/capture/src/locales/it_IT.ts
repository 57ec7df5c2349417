import type { Strings } from './en_US';

export const it_IT: Strings = {
  app: { title: 'Verifica dell’identità', language: 'Lingua', loading: 'Caricamento…', skip: 'Vai al contenuto' },
  welcome: { heading: 'Verifica la tua identità', body: 'Servono pochi minuti. Ti serviranno un documento d’identità e la fotocamera.', start: 'Inizia' },
  consent: {
    heading: 'Il tuo consenso', body: 'Per verificare che tu sia la persona del documento, confrontiamo una foto o un video del tuo volto con la foto del documento. Vengono usati dati biometrici del tuo volto, conservati solo per questa verifica.',
    agree: 'Accetto', continue: 'Continua', required: 'Seleziona «Accetto» per continuare.',
  },
  // capture branch: cross-device, generic links, profile consents, proof of address, retry pictures
  handoff: {
    heading: 'Continuare sul telefono?',
    body: 'La fotocamera del telefono scatta le foto più nitide. Continui sul telefono, oppure qui con la fotocamera o i file di questo computer.',
    forced: 'Questa verifica prosegue su un telefono.',
    phone: 'Continua sul telefono',
    here: 'Continua qui',
    scan: 'Scansioni questo codice QR con la fotocamera del telefono, oppure copi il link e lo apra sul telefono. Tenga aperta questa pagina: segue il telefono.',
    qr: 'Codice QR del link per continuare sul telefono',
    link: 'Link per il telefono',
    copy: 'Copia link',
    copied: 'Il link è stato copiato.',
    copyFailed: 'Non è stato possibile copiare il link. Lo selezioni e lo copi lei.',
    waiting: 'In attesa del telefono…',
    progress: 'Passaggi completati sul telefono: {{count}}. In attesa del prossimo…',
    finished: 'Ha finito sul telefono. Grazie!',
    backToDesktop: 'Ha finito. Ora può tornare al computer.',
  },
  generic: {
    heading: 'Prima di iniziare',
    body: 'Inserisca i suoi dati come compaiono sul documento d’identità.',
    continue: 'Continua',
    unavailable: 'Questo link non è disponibile. Controlli il link ricevuto.',
    busy: 'Sono state avviate troppe verifiche dalla sua rete. Riprovi tra {{seconds}} s.',
  },
  consents: {
    heading: 'Il suo consenso',
    ssn_verification: 'Accetto che il mio numero di previdenza sociale (SSN) sia verificato con registri ufficiali per confermare la mia identità.',
    phone_number_verification: 'Accetto che il mio numero di telefono sia verificato con il mio operatore mobile per confermare la mia identità.',
    required: 'Selezioni questa casella per continuare.',
  },
  // end of capture branch block
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
