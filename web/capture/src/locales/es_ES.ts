import type { Strings } from './en_US';

export const es_ES: Strings = {
  app: { title: 'Verificación de identidad', language: 'Idioma', loading: 'Cargando…', skip: 'Ir al contenido' },
  welcome: { heading: 'Verifique su identidad', body: 'Tarda unos minutos. Necesitará un documento de identidad y su cámara.', start: 'Empezar' },
  consent: {
    heading: 'Su consentimiento', body: 'Para comprobar que usted es la persona del documento, comparamos una foto o un vídeo de su cara con la foto de su documento. Se usan datos biométricos de su cara, que se guardan solo para esta comprobación.',
    agree: 'Acepto', continue: 'Continuar', required: 'Marque «Acepto» para continuar.',
  },
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
  checks: {
    checking: 'Comprobando su foto…', cut_off: 'No se ve el documento entero. Colóquelo dentro del marco con las cuatro esquinas visibles.',
    blur: 'La foto está borrosa. Sujete el teléfono sin moverlo y deje que la cámara enfoque.', glare: 'Hay reflejos en el documento. Apártese de la luz directa o incline un poco el documento.',
    anyway: 'Si no puede hacer una foto mejor, puede usar esta.', faceStarting: 'Buscando su cara…',
    noFace: 'No vemos su cara. Mire a la cámara, con la cara dentro del óvalo.', manyFaces: 'Solo su cara debe aparecer en la foto.',
    offCentre: 'Coloque la cara en el centro del óvalo.', tooFar: 'Acérquese: su cara debe llenar el óvalo.', faceReady: 'Su cara está en posición.',
    faceUnavailable: 'La detección de caras no está disponible en este dispositivo. Haga la foto con la cara dentro del óvalo.',
    lookAhead: 'Mire directamente a la cámara.', turnLeft: 'Gire despacio la cabeza hacia la izquierda.', turnRight: 'Ahora gire despacio la cabeza hacia la derecha.',
    turnDone: 'Muy bien. Puede detener la grabación.', motionUnsupported: 'Este dispositivo no puede grabar el vídeo necesario, así que le pediremos una foto de su cara.',
    motionContinue: 'Continuar con una foto',
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
