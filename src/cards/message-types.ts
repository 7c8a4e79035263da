/**
 * The subset of LINE message objects this bot sends, as plain data. Structurally compatible with
 * the SDK's messagingApi types, declared here so the card builders stay free of the SDK.
 */

export interface PostbackAction {
  type: 'postback';
  label: string;
  data: string;
  displayText?: string;
}
export interface MessageAction {
  type: 'message';
  label: string;
  text: string;
}
export interface UriAction {
  type: 'uri';
  label: string;
  uri: string;
}
export type Action = PostbackAction | MessageAction | UriAction;

export interface QuickReplyItem {
  type: 'action';
  action: PostbackAction | MessageAction | UriAction;
}
export interface QuickReply {
  items: QuickReplyItem[];
}

type Spacing = 'none' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | 'xxl';
type TextSize = 'xxs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | 'xxl' | '3xl' | '4xl' | '5xl';

export interface FlexBox {
  type: 'box';
  layout: 'horizontal' | 'vertical' | 'baseline';
  contents: FlexComponent[];
  spacing?: Spacing;
  margin?: Spacing;
  paddingAll?: string;
  paddingTop?: string;
  paddingBottom?: string;
  paddingStart?: string;
  paddingEnd?: string;
  backgroundColor?: string;
  cornerRadius?: string;
  flex?: number;
  action?: Action;
}
export interface FlexText {
  type: 'text';
  text: string;
  size?: TextSize;
  weight?: 'regular' | 'bold';
  color?: string;
  wrap?: boolean;
  maxLines?: number;
  margin?: Spacing;
  flex?: number;
  align?: 'start' | 'end' | 'center';
}
export interface FlexButton {
  type: 'button';
  action: Action;
  style?: 'primary' | 'secondary' | 'link';
  color?: string;
  height?: 'sm' | 'md';
  margin?: Spacing;
}
export interface FlexSeparator {
  type: 'separator';
  margin?: Spacing;
  color?: string;
}
export type FlexComponent = FlexBox | FlexText | FlexButton | FlexSeparator;

export interface FlexBlockStyle {
  backgroundColor?: string;
  separator?: boolean;
  separatorColor?: string;
}
export interface FlexBubble {
  type: 'bubble';
  size?: 'nano' | 'micro' | 'deca' | 'hecto' | 'kilo' | 'mega' | 'giga';
  header?: FlexBox;
  body?: FlexBox;
  footer?: FlexBox;
  styles?: { header?: FlexBlockStyle; body?: FlexBlockStyle; footer?: FlexBlockStyle };
}
export interface FlexCarousel {
  type: 'carousel';
  contents: FlexBubble[];
}

export interface TextMessage {
  type: 'text';
  text: string;
  quickReply?: QuickReply;
}
export interface FlexMessage {
  type: 'flex';
  altText: string;
  contents: FlexBubble | FlexCarousel;
  quickReply?: QuickReply;
}
export type OutgoingMessage = TextMessage | FlexMessage;
