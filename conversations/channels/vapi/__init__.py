"""The voice channel: Vapi's Custom LLM endpoint and server webhook, translating to one turn."""
