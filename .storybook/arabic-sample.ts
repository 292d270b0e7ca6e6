// An Arabic translation of the list's words, registered the way a host adds a language
// (registerTranslation), so the toolbar's right-to-left locale shows a real right-to-left
// language. Convkit ships English and Spanish; what this leaves out stays English.
import type { PartialTranslation } from '../packages/elements/src/i18n/localize.js';

export const arabicSample: PartialTranslation = {
  $code: 'ar',
  $name: 'العربية',
  $dir: 'rtl',
  viewAll: 'الكل',
  viewUnread: 'غير مقروءة',
  viewRecents: 'الأحدث',
  viewStarred: 'المميزة بنجمة',
  viewArchived: 'المؤرشفة',
  viewTabsLabel: 'طرق العرض',
  countAll: { zero: 'لا محادثات', one: 'محادثة واحدة', two: 'محادثتان', few: '# محادثات', many: '# محادثة', other: '# محادثة' },
  listLabel: 'المحادثات',
  listLoading: 'جارٍ تحميل المحادثات…',
  searchLabel: 'البحث في المحادثات',
  searchPlaceholder: 'ابحث عن اسم أو رقم هاتف أو رسالة',
  searchClear: 'مسح البحث',
  filtersLabel: 'عوامل التصفية',
  filterAssigneeButton: (name) => `المسؤول: ${name}`,
  filterLabelButton: (name) => `التصنيف: ${name}`,
  filterAnyChannel: 'أي قناة',
  filterAnyGroup: 'أي مجموعة',
  filterMentions: 'الإشارات إليّ',
  filterAny: 'الكل',
  anyone: 'أي شخص',
  clearFilters: 'مسح عوامل التصفية',
  emptyAll: 'لا توجد محادثات بعد.',
  rowUnread: 'غير مقروءة',
  timeNow: 'الآن',
};
