/** The en_US strings of the capture page: every other locale has exactly these keys (test/web/capture-locales.test.ts). */
export const en_US = {
  app: { title: 'Identity verification', language: 'Language', loading: 'Loading…', skip: 'Skip to content' },
  welcome: {
    heading: 'Verify your identity', body: 'It takes a few minutes. You will need an identity document and your camera.', start: 'Start',
  },
  consent: {
    heading: 'Your consent', body: 'To check that you are the person in the document, we compare a photo or video of your face with the photo in your document. This uses biometric data of your face, which is kept only for this check.',
    agree: 'I agree', continue: 'Continue', required: 'Please tick "I agree" to continue.',
  },
  document: {
    heading: 'Your identity document', country: 'Country', countryHint: 'The country that issued your document. Start typing to search.',
    countryUnknown: 'Please choose a country from the list.', type: 'Document type', typeNone: 'No document from this country is accepted. Please choose another country.',
    next: 'Continue', front: 'Front of your {{doc}}', back: 'Back of your {{doc}}', frontHint: 'Place the page with your photo inside the frame, all four corners visible.',
    backHint: 'Turn your document over and place the back inside the frame.',
    types: { passport: 'Passport', driving_licence: 'Driving licence', national_identity_card: 'National identity card', residence_permit: 'Residence permit' },
  },
  camera: {
    take: 'Take photo', upload: 'Upload a file', retake: 'Retake', use: 'Use this photo', review: 'Check your photo',
    reviewHint: 'Make sure all details are clear and readable, with no glare or blur.', preview: 'Your photo', view: 'Camera view',
    starting: 'Starting the camera…', unavailable: 'The camera is not available. You can upload a photo instead.',
    blocked: 'Camera access was not allowed. Allow the camera in your browser settings, or upload a photo instead.',
    badFile: 'This file is not a photo we can use. Please choose a JPG or PNG photo.',
  },
  checks: {
    checking: 'Checking your photo…', cut_off: 'We cannot see the whole document. Place it inside the frame with all four corners visible.',
    blur: 'The photo is blurred. Hold your phone steady and let the camera focus.', glare: 'There is glare on the document. Move away from direct light or tilt the document a little.',
    anyway: 'If you cannot take a better photo, you can use this one.', faceStarting: 'Looking for your face…',
    noFace: 'We cannot see your face. Look at the camera, with your face inside the oval.', manyFaces: 'Only your face should be in the photo.',
    offCentre: 'Move your face to the centre of the oval.', tooFar: 'Come closer: your face should fill the oval.', faceReady: 'Your face is in position.',
    faceUnavailable: 'Face detection is not available on this device. Take the photo with your face inside the oval.',
    lookAhead: 'Look straight at the camera.', turnLeft: 'Slowly turn your head to the left.', turnRight: 'Now slowly turn your head to the right.',
    turnDone: 'Well done. You can stop recording.', motionUnsupported: 'This device cannot record the video we need, so we will ask for a photo of your face instead.',
    motionContinue: 'Continue with a photo',
  },
  selfie: { heading: 'A photo of your face', hint: 'Look straight at the camera, with your face inside the oval. Remove hats and sunglasses.' },
  video: {
    heading: 'A video of your face', hint: 'Record a short video: look at the camera, then slowly turn your head to the left and to the right.',
    motionHint: 'Slowly turn your head to the left, then to the right.', start: 'Start recording', stop: 'Stop recording', recording: 'Recording… {{seconds}} s left',
    use: 'Use this video', retake: 'Record again', unsupported: 'This browser cannot record video. Please open the link on a phone or in another browser.',
  },
  profile: {
    heading: 'Your details', continue: 'Continue', optional: '(optional)', required: 'Please fill in this field.', invalid: 'Please check this field.',
    fields: {
      first_name: 'First name', last_name: 'Last name', dob: 'Date of birth', email: 'Email', phone_number: 'Phone number',
      country_of_residence: 'Country of residence', ssn: 'Social Security number', pan: 'PAN (Permanent Account Number)',
      building_number: 'Building number', street: 'Street', town: 'Town or city', state: 'State or region', postcode: 'Postcode', country: 'Country of address',
    },
    address: 'Address', phoneHint: 'With the country code, e.g. +44 20 7946 0000.', panHint: 'For example ABCDE1234F.', ssnHint: 'For example 123-45-6789.',
  },
  poa: {
    heading: 'Proof of address', hint: 'A photo or a PDF, dated within the last 3 months, showing your name and address.', send: 'Send document', file: 'Document',
    types: {
      utility_bill: 'Utility bill', bank_building_society_statement: 'Bank statement', council_tax: 'Council tax letter',
      benefit_letters: 'Benefits letter', government_letter: 'Government letter', other: 'Other document',
    },
  },
  retry: {
    attempt: 'Attempt {{attempt}} of {{total}}', button: 'Try again',
    expired_document: { title: 'Your document has expired', description: 'The document you sent has expired. Please use a valid document that has not expired.', button: 'Use another document' },
    unaccepted_document: { title: 'This document is not accepted', description: 'Please use another type of document, or a document from another country.', button: 'Use another document' },
    generic_document_issue: { title: 'We could not check your document', description: 'Please take a new photo: all four corners visible, in focus, with no glare.', button: 'Take a new photo' },
    generic_selfie_issue: { title: 'We could not check your photo', description: 'Please take a new photo of your face, in good light, looking at the camera.', button: 'Take a new photo' },
    other: { title: 'Please try again', description: 'We could not use what you sent.' },
  },
  waiting: {
    checking: 'We are checking your details. This can take a minute; please keep this page open.',
    sending: 'Sending… please keep this page open.', offline: 'The connection was lost. Trying again in {{seconds}} s…', tryNow: 'Try now',
  },
  done: { heading: 'Thank you', body: 'You have finished. You can close this page now.', already: 'This verification is already completed. You can close this page.' },
  errors: {
    expired: 'This link has expired. Please ask for a new link.', incomplete: 'This link is not complete. Please open the full link you were sent again.',
    notFound: 'This verification could not be found. Please check the link you were sent.', tooLarge: 'This file is too large. Please choose a smaller file or take a photo.',
    invalid: 'We could not use what you sent. Please check it and try again.', generic: 'Something went wrong. Please try again.',
    network: 'The connection failed. Check your internet connection and try again.',
  },
};

/** A locale's strings: the en_US shape with every leaf a string. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Strings = Shape<typeof en_US>;
