// The service's own Prometheus metrics. Labels are providers, kinds and outcomes: never a user,
// a session or any text.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120]

export function createChatMetrics (registry: Registry) {
  const registers = [registry]
  return {
    streamsOpen: new Gauge({ name: 'therapybot_chat_streams_open', help: 'Chat replies being generated now', registers }),
    timeToFirstToken: new Histogram({
      name: 'therapybot_chat_time_to_first_token_seconds',
      help: 'From the chat request to the first token of the reply',
      labelNames: ['provider'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers
    }),
    streamDuration: new Histogram({
      name: 'therapybot_chat_stream_duration_seconds',
      help: 'From the chat request to the end of the reply',
      labelNames: ['provider', 'status'],
      buckets: SECONDS,
      registers
    }),
    tokens: new Counter({
      name: 'therapybot_model_tokens_total',
      help: 'Model tokens by kind: input, output, cache_read, cache_write',
      labelNames: ['provider', 'kind'],
      registers
    }),
    modelErrors: new Counter({
      name: 'therapybot_model_errors_total',
      help: 'Model replies that failed, by kind',
      labelNames: ['provider', 'kind'],
      registers
    }),
    modelRetries: new Counter({
      name: 'therapybot_model_retries_total',
      help: 'Model requests retried before their first token, by kind',
      labelNames: ['provider', 'kind'],
      registers
    }),
    safetyFlags: new Counter({
      name: 'therapybot_safety_flags_total',
      help: 'Messages the crisis protocol fired on, by level and category',
      labelNames: ['level', 'category'],
      registers
    }),
    handoffEvents: new Counter({
      name: 'therapybot_handoff_events_total',
      help: 'Crisis hand-offs to the operator\'s webhook by outcome: delivered, retried (an attempt failed, another is due) or abandoned (every attempt failed)',
      labelNames: ['outcome'],
      registers
    }),
    storeOperations: new Histogram({
      name: 'therapybot_store_operation_seconds',
      help: 'Session store operations by operation and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers
    })
  }
}

export type ChatMetrics = ReturnType<typeof createChatMetrics>
