import type { ScholarshipApi } from '../api/types';
import { replaceChildren, requireElement } from '../ui/element';
import { RequestPanel } from '../ui/request-panel';
import type { StatusRegion } from '../ui/status-region';
import { detailContent } from './detail-content';

export interface DetailView {
  open(id: string): void;
}

/** Mounts the scholarship detail section, which stays hidden until a result is opened. */
export function mountDetailView(api: ScholarshipApi, status: StatusRegion): DetailView {
  const section = requireElement('detail-section', HTMLElement);
  const heading = requireElement('detail-heading', HTMLElement);
  const content = requireElement('detail-content', HTMLElement);
  const panel = new RequestPanel(content, status);

  return {
    open(id) {
      section.hidden = false;
      replaceChildren(content, []);
      heading.focus();
      void panel.load({
        loadingMessage: 'Loading the scholarship…',
        run: (signal) => api.getScholarship(id, { signal }),
        render: (scholarship) => {
          replaceChildren(content, [detailContent(scholarship)]);
          return `Showing ${scholarship.name}`;
        },
      });
    },
  };
}
