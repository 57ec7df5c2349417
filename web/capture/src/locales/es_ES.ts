import type { Strings } from './en_US';

export const es_ES: Strings = {
  app: { title: 'Verificación de identidad', language: 'Idioma', loading: 'Cargando…', skip: 'Ir al contenido' },
  welcome: { heading: 'Verifique su identidad', body: 'Tarda unos minutos. Necesitará un documento de identidad y su cámara.', start: 'Empezar' },
  consent: {
    heading: 'Su consentimiento', body: 'Para comprobar que usted es la persona del documento, comparamos una foto o un vídeo de su cara con la foto de su documento. Se usan datos biométricos de su cara, que se guardan solo para esta comprobación.',
    agree: 'Acepto', continue: 'Continuar', required: 'Marque «Acepto» para continuar.',
  },
  // capture branch: cross-device, generic links, profile consents, proof of address, retry pictures
  handoff: {
    heading: '¿Continuar en el móvil?',
    body: 'La cámara de su móvil hace las fotos más nítidas. Continúe en el móvil, o aquí con la cámara o los archivos de este ordenador.',
    forced: 'Esta verificación continúa en un móvil.',
    phone: 'Continuar en el móvil',
    here: 'Continuar aquí',
    scan: 'Escanee este código QR con la cámara de su móvil, o copie el enlace y ábralo en el móvil. Mantenga esta página abierta: sigue a su móvil.',
    qr: 'Código QR del enlace para continuar en el móvil',
    link: 'Enlace para su móvil',
    copy: 'Copiar enlace',
    copied: 'El enlace se ha copiado.',
    copyFailed: 'No se pudo copiar el enlace. Selecciónelo y cópielo usted.',
    waiting: 'Esperando a su móvil…',
    progress: 'Pasos terminados en el móvil: {{count}}. Esperando el siguiente…',
    finished: 'Ha terminado en el móvil. ¡Gracias!',
    backToDesktop: 'Ha terminado. Ya puede volver a su ordenador.',
  },
  generic: {
    heading: 'Antes de empezar',
    body: 'Introduzca sus datos tal como aparecen en su documento de identidad.',
    continue: 'Continuar',
    unavailable: 'Este enlace no está disponible. Compruebe el enlace que recibió.',
    busy: 'Se han iniciado demasiadas verificaciones desde su red. Vuelva a intentarlo en {{seconds}} s.',
  },
  consents: {
    heading: 'Su consentimiento',
    ssn_verification: 'Acepto que mi número de la Seguridad Social (SSN) se compruebe con registros oficiales para verificar mi identidad.',
    phone_number_verification: 'Acepto que mi número de teléfono se compruebe con mi operador móvil para verificar mi identidad.',
    required: 'Marque esta casilla para continuar.',
  },
  // end of capture branch block
  document: {
    heading: 'Su documento de identidad', country: 'País', countryHint: 'El país que emitió su documento. Escriba para buscar.',
    countryUnknown: 'Elija un país de la lista.', type: 'Tipo de documento', typeNone: 'No se acepta ningún documento de este país. Elija otro país.',
    next: 'Continuar', front: 'Anverso: {{doc}}', back: 'Reverso: {{doc}}', frontHint: 'Coloque la página con su foto dentro del marco, con las cuatro esquinas visibles.',
    backHint: 'Dé la vuelta al documento y coloque el reverso dentro del marco.',
    types: { passport: 'Pasaporte', driving_licence: 'Permiso de conducir', national_identity_card: 'Documento nacional de identidad', residence_permit: 'Permiso de residencia' },
  },
  camera: {
    take: 'Hacer foto', upload: 'Subir un archivo', retake: 'Repetir', use: 'Usar esta foto', review: 'Revise su foto',
    reviewHint: 'Todos los datos deben verse nítidos y legibles, sin reflejos ni desenfoque.', preview: 'Su foto', view: 'Imagen de la cámara',
    starting: 'Iniciando la cámara…', unavailable: 'La cámara no está disponible. Puede subir una foto en su lugar.',
    blocked: 'No se permitió el acceso a la cámara. Permítalo en los ajustes del navegador o suba una foto.',
    badFile: 'Este archivo no es una foto que podamos usar. Elija una foto JPG o PNG.',
  },
  selfie: { heading: 'Una foto de su cara', hint: 'Mire directamente a la cámara, con la cara dentro del óvalo. Quítese gorros y gafas de sol.' },
  video: {
    heading: 'Un vídeo de su cara', hint: 'Grabe un vídeo corto: mire a la cámara y gire la cabeza despacio a la izquierda y a la derecha.',
    motionHint: 'Gire la cabeza despacio a la izquierda y luego a la derecha.', start: 'Empezar a grabar', stop: 'Detener la grabación', recording: 'Grabando… quedan {{seconds}} s',
    use: 'Usar este vídeo', retake: 'Grabar de nuevo', unsupported: 'Este navegador no puede grabar vídeo. Abra el enlace en un teléfono o en otro navegador.',
  },
  profile: {
    heading: 'Sus datos', continue: 'Continuar', optional: '(opcional)', required: 'Rellene este campo.', invalid: 'Revise este campo.',
    fields: {
      first_name: 'Nombre', last_name: 'Apellidos', dob: 'Fecha de nacimiento', email: 'Correo electrónico', phone_number: 'Número de teléfono',
      country_of_residence: 'País de residencia', ssn: 'Número de la Seguridad Social (SSN)', pan: 'PAN (Permanent Account Number)',
      building_number: 'Número', street: 'Calle', town: 'Ciudad', state: 'Provincia o región', postcode: 'Código postal', country: 'País de la dirección',
    },
    address: 'Dirección', phoneHint: 'Con el prefijo del país, p. ej. +34 912 345 678.', panHint: 'Por ejemplo ABCDE1234F.', ssnHint: 'Por ejemplo 123-45-6789.',
  },
  poa: {
    heading: 'Justificante de domicilio', hint: 'Una foto o un PDF de los últimos 3 meses con su nombre y dirección.', send: 'Enviar documento', file: 'Documento',
    types: {
      utility_bill: 'Factura de suministros', bank_building_society_statement: 'Extracto bancario', council_tax: 'Recibo de impuesto municipal',
      benefit_letters: 'Carta de prestaciones', government_letter: 'Carta de la administración', other: 'Otro documento',
    },
  },
  retry: {
    attempt: 'Intento {{attempt}} de {{total}}', button: 'Intentar de nuevo',
    expired_document: { title: 'Su documento ha caducado', description: 'El documento enviado ha caducado. Use un documento válido.', button: 'Usar otro documento' },
    unaccepted_document: { title: 'Este documento no se acepta', description: 'Use otro tipo de documento o un documento de otro país.', button: 'Usar otro documento' },
    generic_document_issue: { title: 'No pudimos comprobar su documento', description: 'Haga una foto nueva: las cuatro esquinas visibles, enfocada y sin reflejos.', button: 'Hacer una foto nueva' },
    generic_selfie_issue: { title: 'No pudimos comprobar su foto', description: 'Haga una foto nueva de su cara, con buena luz, mirando a la cámara.', button: 'Hacer una foto nueva' },
    other: { title: 'Inténtelo de nuevo', description: 'No pudimos usar lo que envió.' },
  },
  waiting: {
    checking: 'Estamos comprobando sus datos. Puede tardar un minuto; mantenga esta página abierta.',
    sending: 'Enviando… mantenga esta página abierta.', offline: 'Se perdió la conexión. Nuevo intento en {{seconds}} s…', tryNow: 'Intentar ahora',
  },
  done: { heading: 'Gracias', body: 'Ha terminado. Ya puede cerrar esta página.', already: 'Esta verificación ya se ha completado. Puede cerrar esta página.' },
  errors: {
    expired: 'Este enlace ha caducado. Solicite un enlace nuevo.', incomplete: 'Este enlace está incompleto. Abra de nuevo el enlace completo que recibió.',
    notFound: 'No se encontró esta verificación. Compruebe el enlace que recibió.', tooLarge: 'Este archivo es demasiado grande. Elija uno más pequeño o haga una foto.',
    invalid: 'No pudimos usar lo que envió. Revíselo e inténtelo de nuevo.', generic: 'Algo salió mal. Inténtelo de nuevo.',
    network: 'La conexión falló. Compruebe su conexión a Internet e inténtelo de nuevo.',
  },
};
