"""Console pages: thin views that read through selectors and act through the apps' services.

Each is a Django view wrapped by the admin site's `admin_view` (staff login, CSRF, no caching),
renders admin templates with the site's context, and answers a POST with a message and a
redirect, so a reload never repeats an action.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import TemplateView

from accounts import selectors as account_selectors
from common.errors import DomainError, InvalidCursor, NotFound
from common.ids import object_id
from engagement import selectors as engagement_selectors
from engagement.documents import MODERATION_ROLES
from moderation.console import actions, reports, selectors
from moderation.console.forms import (
    CommentActionForm,
    ItemActionForm,
    ReportActionForm,
    UserActionForm,
)
from moderation.console.paging import first_page_query, keyset_page, ranked_page
from videos.documents import STATUSES

MODERATE = "moderation.moderate"
SUSPEND = "moderation.suspend_users"


class ConsolePage(TemplateView):
    """A page of the console on the admin site: its context, title and permission."""

    site = None
    title = ""
    permission = MODERATE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        try:
            return super().dispatch(request, *args, **kwargs)
        except InvalidCursor:
            messages.warning(request, "That page link is not valid; here is the first page.")
            first = first_page_query(request.GET)
            return HttpResponseRedirect(f"{request.path}?{first}" if first else request.path)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    def get_context_data(self, **kwargs):
        return {
            **self.site.each_context(self.request),
            "title": self.title,
            "can_suspend": self.request.user.has_perm(SUSPEND),
            **kwargs,
        }

    def done(self, message: str, url: str) -> HttpResponseRedirect:
        messages.success(self.request, message)
        return HttpResponseRedirect(url)


class HomeView(ConsolePage):
    template_name = "admin/moderation/home.html"
    title = "Moderation"

    def get_context_data(self, **kwargs):
        counts = selectors.home_counts()
        items, users = reverse("admin:moderation_items"), reverse("admin:moderation_users")
        figures = [
            ("reports", "Reported targets (open)", reverse("admin:moderation_reports")),
            ("held", "Held comments", reverse("admin:moderation_comments")),
            ("processing", "Items processing", f"{items}?status=processing"),
            ("failed", "Items failed", f"{items}?status=failed"),
            ("suspended", "Suspended users", f"{users}?state=suspended"),
        ]
        rows = [
            {"key": key, "label": label, "url": url, "value": counts[key]}
            for key, label, url in figures
        ]
        return super().get_context_data(figures=rows, **kwargs)


class UserListView(ConsolePage):
    template_name = "admin/moderation/users.html"
    title = "Users"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        query = selectors.console_users(q=params.get("q", ""), state=params.get("state", ""))
        return super().get_context_data(
            page=keyset_page(query, params=params),
            q=params.get("q", ""),
            state=params.get("state", ""),
            states=selectors.USER_STATES,
            **kwargs,
        )


class UserDetailView(ConsolePage):
    template_name = "admin/moderation/user.html"

    def get_context_data(self, **kwargs):
        account = selectors.console_user(user_id=self.kwargs["user_id"])
        kwargs.setdefault("form", UserActionForm())
        return super().get_context_data(account=account, title=account.username, **kwargs)

    def post(self, request, user_id: str):
        if not request.user.has_perm(SUSPEND):
            raise PermissionDenied
        account = selectors.console_user(user_id=user_id)
        form = UserActionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        active = form.cleaned_data["action"] == "reinstate"
        try:
            actions.set_account_state(
                by=actions.staff(request.user),
                account=account,
                active=active,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(request.path)
        state = "reinstated" if active else "suspended"
        return self.done(f"{account.username} {state}.", request.path)


class ItemListView(ConsolePage):
    template_name = "admin/moderation/items.html"
    title = "Items"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        query = selectors.console_items(q=params.get("q", ""), status=params.get("status", ""))
        page = keyset_page(query, params=params)
        owners = account_selectors.users_by_ids(ids=[item.owner_id for item in page.items])
        rows = [(item, owners.get(item.owner_id)) for item in page.items]
        return super().get_context_data(
            page=page,
            rows=rows,
            q=params.get("q", ""),
            status=params.get("status", ""),
            statuses=STATUSES,
            **kwargs,
        )


class ItemDetailView(ConsolePage):
    template_name = "admin/moderation/item.html"

    def get_context_data(self, **kwargs):
        item = selectors.console_item(item_id=self.kwargs["item_id"])
        owner = account_selectors.users_by_ids(ids=[item.owner_id]).get(item.owner_id)
        kwargs.setdefault("form", ItemActionForm())
        return super().get_context_data(item=item, owner=owner, title=item.title, **kwargs)

    def post(self, request, item_id: str):
        item = selectors.console_item(item_id=item_id)
        form = ItemActionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        action = form.cleaned_data["action"]
        act = {
            "unpublish": actions.unpublish,
            "take_down": actions.take_down,
            "reprocess": actions.reprocess,
        }[action]
        try:
            act(by=actions.staff(request.user), item=item, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(request.path)
        if action == "take_down":
            return self.done(f"“{item.title}” taken down.", reverse("admin:moderation_items"))
        verb = "unpublished" if action == "unpublish" else "queued for processing again"
        return self.done(f"“{item.title}” {verb}.", request.path)


class ReportListView(ConsolePage):
    template_name = "admin/moderation/reports.html"
    title = "Reports"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        status = "resolved" if params.get("status") == "resolved" else "open"
        context = {"status": status, "form": ReportActionForm()}
        if status == "open":
            context["page"] = ranked_page(reports.open_groups, params=params)
            context["groups"] = context["page"].items
        else:
            context["page"] = keyset_page(reports.resolved_reports(), params=params)
        return super().get_context_data(**context, **kwargs)


class ReportResolveView(ConsolePage):
    http_method_names = ["post"]

    def post(self, request, target_type: str, target_id: str):
        form = ReportActionForm(request.POST)
        back = reverse("admin:moderation_reports")
        if not form.is_valid():
            messages.error(request, "Choose an action and give a reason.")
            return HttpResponseRedirect(back)
        action = form.cleaned_data["action"]
        if action == "suspend" and not request.user.has_perm(SUSPEND):
            raise PermissionDenied
        try:
            closed = reports.resolve(
                by=actions.staff(request.user),
                target_type=target_type,
                target_id=object_id(target_id),
                action=action,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(back)
        return self.done(f"{closed} report(s) of this {target_type} resolved: {action}.", back)


class CommentQueueView(ConsolePage):
    """Held comments on every item: approve or remove a selection at once."""

    template_name = "admin/moderation/comments.html"
    title = "Held comments"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        query = selectors.held_comments(q=params.get("q", ""), rule=params.get("rule", ""))
        page = keyset_page(query, params=params)
        authors = account_selectors.users_by_ids(ids=[c.author_id for c in page.items])
        titles = engagement_selectors.video_titles(comments=page.items)
        rows = [(c, authors.get(c.author_id), titles.get(c.video_id, "")) for c in page.items]
        kwargs.setdefault("form", CommentActionForm())
        return super().get_context_data(
            page=page,
            rows=rows,
            q=params.get("q", ""),
            rule=params.get("rule", ""),
            rules=selectors.HOLD_RULES,
            **kwargs,
        )

    def post(self, request):
        form = CommentActionForm(request.POST)
        back = request.get_full_path()
        chosen = selectors.comments_by_ids(ids=request.POST.getlist("_selected_action"))
        if not chosen:
            messages.warning(request, "Select the comments to act on first.")
            return HttpResponseRedirect(back)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        approve = form.cleaned_data["action"] == "approve"
        act = actions.approve_comments if approve else actions.remove_comments
        by, reason = actions.staff(request.user), form.cleaned_data["reason"]
        done = act(by=by, comments=chosen, reason=reason)
        verb = "approved" if approve else "removed"
        return self.done(f"{done} comment(s) {verb}.", back)


class LogView(ConsolePage):
    """The moderation log: creators' and staff's decisions, newest first."""

    template_name = "admin/moderation/log.html"
    title = "Moderation log"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        query = selectors.decisions(
            action=params.get("action", ""),
            role=params.get("role", ""),
            actor=params.get("actor", ""),
        )
        return super().get_context_data(
            page=keyset_page(query, params=params),
            action=params.get("action", ""),
            role=params.get("role", ""),
            actor=params.get("actor", ""),
            log_actions=selectors.LOG_ACTIONS,
            roles=MODERATION_ROLES,
            **kwargs,
        )
