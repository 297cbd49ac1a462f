export const APP_NAME = 'Fulfillment Scanner';

export const APP_VERSION: string = __APP_VERSION__;
