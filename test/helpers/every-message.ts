export { listAllCards as everyMessage } from '../../src/cards/all-cards';
