/** The English side of an area's messages: exactly the Indonesian keys. */
export type Translation<Messages> = Record<keyof Messages, string>;
