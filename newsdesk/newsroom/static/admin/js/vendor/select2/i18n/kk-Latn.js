/* Select2's messages in Kazakh (kk-Latn), from Django's JavaScript catalogue (our djangojs:
   newsdesk/locale_django), so they are translated and transliterated like the rest. */
(function () {
  "use strict";
  var amd = window.jQuery && window.jQuery.fn && window.jQuery.fn.select2 && window.jQuery.fn.select2.amd;
  if (!amd) return;
  function t(text) { return window.gettext ? window.gettext(text) : text; }
  function n(singular, plural, count) {
    var text = window.ngettext ? window.ngettext(singular, plural, count) : (count === 1 ? singular : plural);
    return window.interpolate ? window.interpolate(text, { count: count }, true) : text.replace("%(count)s", count);
  }
  amd.define("select2/i18n/kk-Latn", [], function () {
    return {
      errorLoading: function () { return t("The results could not be loaded."); },
      inputTooLong: function (args) {
        var over = args.input.length - args.maximum;
        return n("Please delete %(count)s character.", "Please delete %(count)s characters.", over);
      },
      inputTooShort: function (args) {
        var missing = args.minimum - args.input.length;
        return n("Please enter %(count)s more character.", "Please enter %(count)s more characters.", missing);
      },
      loadingMore: function () { return t("Loading more results…"); },
      maximumSelected: function (args) {
        return n("You can only select %(count)s item.", "You can only select %(count)s items.", args.maximum);
      },
      noResults: function () { return t("No results found"); },
      searching: function () { return t("Searching…"); },
      removeAllItems: function () { return t("Remove all items"); },
      removeItem: function () { return t("Remove item"); },
      search: function () { return t("Search"); }
    };
  });
})();
