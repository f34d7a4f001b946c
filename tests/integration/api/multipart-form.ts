/** A multipart/form-data body built by hand, so tests can send forms through ApiClient.request. */
export interface FilePart {
  filename: string;
  type: string;
  content: string;
}

export function multipartForm(fields: Record<string, string | FilePart>): { body: string; headers: Record<string, string> } {
  const boundary = `----lianshen-test-${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) => {
    if (typeof value === 'string') return `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    return `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${value.filename}"\r\ncontent-type: ${value.type}\r\n\r\n${value.content}\r\n`;
  });
  return { body: `${parts.join('')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const bpmnFile = (content: string): FilePart => ({ filename: 'item.bpmn', type: 'application/xml', content });
