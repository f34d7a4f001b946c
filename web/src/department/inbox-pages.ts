/**
 * 待办 a page at a time: the first page on opening, one more on "加载更多", and — after an action
 * or a live event — every page already loaded again, so rows do not vanish from under the
 * reviewer. The server pages in 待办 order, so pages simply follow one another.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../shared/api.ts';
import { orderInbox, type InboxTask } from './inbox-order.ts';

export const INBOX_PAGE_SIZE = 100;

interface InboxAnswer {
  tasks: InboxTask[];
  nextCursor: string | null;
  total: number;
}

export interface InboxPages {
  tasks: InboxTask[];
  /** Every open task of the department, loaded or not. */
  total?: number;
  hasMore: boolean;
  /** A first load or a reload in progress. */
  loading: boolean;
  loadingMore: boolean;
  error?: Error;
  loadMore(): void;
  reload(): void;
}

interface Loaded {
  tasks: InboxTask[];
  cursor: string | null;
  pages: number;
  total?: number;
}

const fetchPage = (after: string | null) =>
  get<InboxAnswer>(`/api/tasks/inbox?limit=${INBOX_PAGE_SIZE}${after ? `&after=${encodeURIComponent(after)}` : ''}`);

// A task can move between two reads (a deadline compressed by 绿色通道): keep one row per task.
function merge(before: InboxTask[], more: InboxTask[]): InboxTask[] {
  const byId = new Map(before.map((t) => [t.taskId, t]));
  for (const t of more) byId.set(t.taskId, t);
  return orderInbox([...byId.values()]);
}

export function useInboxPages(): InboxPages {
  const [loaded, setLoaded] = useState<Loaded>({ tasks: [], cursor: null, pages: 0 });
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error>();
  const pagesRef = useRef(1);
  // Every reload starts a new generation; answers of an older one are dropped.
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    (async () => {
      let tasks: InboxTask[] = [];
      let cursor: string | null = null;
      let total: number | undefined;
      let pages = 0;
      do {
        const page = await fetchPage(cursor);
        tasks = merge(tasks, page.tasks);
        cursor = page.nextCursor;
        total = page.total;
        pages++;
      } while (cursor && pages < pagesRef.current && mine === generation.current);
      return { tasks, cursor, pages, total };
    })().then(
      (next) => {
        if (mine !== generation.current) return;
        setLoaded(next);
        setError(undefined);
        setLoading(false);
      },
      (e: Error) => {
        if (mine !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, []);

  const loadMore = useCallback(() => {
    const { cursor } = loaded;
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    fetchPage(cursor).then(
      (page) => {
        setLoadingMore(false);
        if (mine !== generation.current) return;
        pagesRef.current = loaded.pages + 1;
        setLoaded((l) => ({ tasks: merge(l.tasks, page.tasks), cursor: page.nextCursor, pages: l.pages + 1, total: page.total }));
      },
      (e: Error) => {
        setLoadingMore(false);
        if (mine === generation.current) setError(e);
      },
    );
  }, [loaded, loadingMore]);

  useEffect(() => {
    reload();
    return () => { generation.current++; };
  }, [reload]);

  return { tasks: loaded.tasks, total: loaded.total, hasMore: loaded.cursor !== null, loading, loadingMore, error, loadMore, reload };
}
