import type { Strings } from './en_US';

export const pt_PT: Strings = {
  app: { title: 'Verificação de identidade', language: 'Idioma', loading: 'A carregar…', skip: 'Saltar para o conteúdo' },
  welcome: { heading: 'Verifique a sua identidade', body: 'Demora alguns minutos. Vai precisar de um documento de identificação e da câmara.', start: 'Começar' },
  consent: {
    heading: 'O seu consentimento', body: 'Para confirmar que é a pessoa do documento, comparamos uma foto ou vídeo do seu rosto com a foto do documento. São usados dados biométricos do seu rosto, guardados apenas para esta verificação.',
    agree: 'Concordo', continue: 'Continuar', required: 'Assinale «Concordo» para continuar.',
  },
  document: {
    heading: 'O seu documento de identificação', country: 'País', countryHint: 'O país que emitiu o documento. Comece a escrever para pesquisar.',
    countryUnknown: 'Escolha um país da lista.', type: 'Tipo de documento', typeNone: 'Nenhum documento deste país é aceite. Escolha outro país.',
    next: 'Continuar', front: 'Frente: {{doc}}', back: 'Verso: {{doc}}', frontHint: 'Coloque a página com a sua foto dentro da moldura, com os quatro cantos visíveis.',
    backHint: 'Vire o documento e coloque o verso dentro da moldura.',
    types: { passport: 'Passaporte', driving_licence: 'Carta de condução', national_identity_card: 'Cartão de cidadão', residence_permit: 'Autorização de residência' },
  },
  camera: {
    take: 'Tirar foto', upload: 'Carregar um ficheiro', retake: 'Repetir', use: 'Usar esta foto', review: 'Verifique a sua foto',
    reviewHint: 'Todos os dados devem estar nítidos e legíveis, sem reflexos nem desfocagem.', preview: 'A sua foto', view: 'Imagem da câmara',
    starting: 'A iniciar a câmara…', unavailable: 'A câmara não está disponível. Pode carregar uma foto.',
    blocked: 'O acesso à câmara não foi permitido. Permita-o nas definições do navegador ou carregue uma foto.',
    badFile: 'Este ficheiro não é uma foto que possamos usar. Escolha uma foto JPG ou PNG.',
  },
  checks: {
    checking: 'A verificar a sua foto…', cut_off: 'Não se vê o documento inteiro. Coloque-o dentro da moldura com os quatro cantos visíveis.',
    blur: 'A foto está desfocada. Segure o telemóvel sem o mover e deixe a câmara focar.', glare: 'Há reflexos no documento. Afaste-se da luz direta ou incline um pouco o documento.',
    anyway: 'Se não conseguir tirar uma foto melhor, pode usar esta.', faceStarting: 'A procurar o seu rosto…',
    noFace: 'Não vemos o seu rosto. Olhe para a câmara, com o rosto dentro da oval.', manyFaces: 'Só o seu rosto deve aparecer na foto.',
    offCentre: 'Coloque o rosto no centro da oval.', tooFar: 'Aproxime-se: o rosto deve preencher a oval.', faceReady: 'O seu rosto está em posição.',
    faceUnavailable: 'A deteção de rosto não está disponível neste dispositivo. Tire a foto com o rosto dentro da oval.',
    lookAhead: 'Olhe diretamente para a câmara.', turnLeft: 'Rode lentamente a cabeça para a esquerda.', turnRight: 'Agora rode lentamente a cabeça para a direita.',
    turnDone: 'Muito bem. Pode parar a gravação.', motionUnsupported: 'Este dispositivo não consegue gravar o vídeo necessário, por isso vamos pedir uma foto do seu rosto.',
    motionContinue: 'Continuar com uma foto',
  },
  selfie: { heading: 'Uma foto do seu rosto', hint: 'Olhe diretamente para a câmara, com o rosto dentro da oval. Retire chapéus e óculos de sol.' },
  video: {
    heading: 'Um vídeo do seu rosto', hint: 'Grave um vídeo curto: olhe para a câmara e rode a cabeça devagar para a esquerda e para a direita.',
    motionHint: 'Rode a cabeça devagar para a esquerda e depois para a direita.', start: 'Iniciar gravação', stop: 'Parar gravação', recording: 'A gravar… faltam {{seconds}} s',
    use: 'Usar este vídeo', retake: 'Gravar novamente', unsupported: 'Este navegador não consegue gravar vídeo. Abra a ligação num telemóvel ou noutro navegador.',
  },
  profile: {
    heading: 'Os seus dados', continue: 'Continuar', optional: '(opcional)', required: 'Preencha este campo.', invalid: 'Verifique este campo.',
    fields: {
      first_name: 'Nome próprio', last_name: 'Apelido', dob: 'Data de nascimento', email: 'Email', phone_number: 'Número de telefone',
      country_of_residence: 'País de residência', ssn: 'Número de segurança social (SSN)', pan: 'PAN (Permanent Account Number)',
      building_number: 'Número', street: 'Rua', town: 'Localidade', state: 'Distrito ou região', postcode: 'Código postal', country: 'País da morada',
    },
    address: 'Morada', phoneHint: 'Com o indicativo do país, p. ex. +351 21 123 4567.', panHint: 'Por exemplo ABCDE1234F.', ssnHint: 'Por exemplo 123-45-6789.',
  },
  poa: {
    heading: 'Comprovativo de morada', hint: 'Uma foto ou um PDF dos últimos 3 meses com o seu nome e morada.', send: 'Enviar documento', file: 'Documento',
    types: {
      utility_bill: 'Fatura de serviços', bank_building_society_statement: 'Extrato bancário', council_tax: 'Aviso de imposto municipal',
      benefit_letters: 'Carta de prestações', government_letter: 'Carta da administração pública', other: 'Outro documento',
    },
  },
  retry: {
    attempt: 'Tentativa {{attempt}} de {{total}}', button: 'Tentar novamente',
    expired_document: { title: 'O seu documento expirou', description: 'O documento enviado expirou. Use um documento válido.', button: 'Usar outro documento' },
    unaccepted_document: { title: 'Este documento não é aceite', description: 'Use outro tipo de documento ou um documento de outro país.', button: 'Usar outro documento' },
    generic_document_issue: { title: 'Não foi possível verificar o documento', description: 'Tire uma nova foto: quatro cantos visíveis, focada e sem reflexos.', button: 'Tirar nova foto' },
    generic_selfie_issue: { title: 'Não foi possível verificar a foto', description: 'Tire uma nova foto do rosto, com boa luz, a olhar para a câmara.', button: 'Tirar nova foto' },
    other: { title: 'Tente novamente', description: 'Não foi possível usar o que enviou.' },
  },
  waiting: {
    checking: 'Estamos a verificar os seus dados. Pode demorar um minuto; mantenha esta página aberta.',
    sending: 'A enviar… mantenha esta página aberta.', offline: 'A ligação perdeu-se. Nova tentativa dentro de {{seconds}} s…', tryNow: 'Tentar agora',
  },
  done: { heading: 'Obrigado', body: 'Terminou. Já pode fechar esta página.', already: 'Esta verificação já está concluída. Pode fechar esta página.' },
  errors: {
    expired: 'Esta ligação expirou. Peça uma nova ligação.', incomplete: 'Esta ligação está incompleta. Abra novamente a ligação completa que recebeu.',
    notFound: 'Esta verificação não foi encontrada. Verifique a ligação que recebeu.', tooLarge: 'Este ficheiro é demasiado grande. Escolha um ficheiro menor ou tire uma foto.',
    invalid: 'Não foi possível usar o que enviou. Verifique e tente novamente.', generic: 'Algo correu mal. Tente novamente.',
    network: 'A ligação falhou. Verifique a ligação à Internet e tente novamente.',
  },
};
