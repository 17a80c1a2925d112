export { Broker, type BrokerOptions } from './broker.js';
export type { MessageContext } from './consumer.js';
export { BrokerUnavailableError, PermanentMessageError } from './errors.js';
export { queueNames, type Topology } from './topology.js';
