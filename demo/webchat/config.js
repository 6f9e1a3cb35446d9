// Filled in by "Cognito Bot: Put Ids into Workspace…" (or by hand, from the Cognito console).
window.chatConfig = {
  region: 'YOUR_REGION',
  cognito: {
    userPoolId: 'userpoolId',
    clientId: 'ClientId',
    identityPoolId: 'YOUR_IDENTITY_POOL_ID',
  },
  lex: {
    botId: 'YOUR_BOT_ID',
    botAliasId: 'YOUR_BOT_ALIAS_ID',
    localeId: 'en_US',
    // The bot's region, when it is not the pools' (region above).
    region: '',
  },
};
